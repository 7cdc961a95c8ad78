import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Role, Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, DataTable, FormErrors, Loading, Notice, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { NotAllowedNotice, isNotAllowed } from "./page-access.tsx";
import { usePagedList } from "./use-paged-list.ts";
import { MemberWorkplace } from "./MemberWorkplace.tsx";

type Member = Schemas["Member"];
export const allRoles: Role[] = ["admin", "security_manager", "it_operator", "employee", "auditor", "viewer"];
const PAGE_SIZE = 50;

/** The organisation's members, searched and paged on the server (it may have thousands). */
export function MembersList({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [searchText, setSearchText] = useState("");
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string>();
  // the member whose role or membership is being changed: their controls wait for the answer
  const [busyWith, setBusyWith] = useState<string | null>(null);
  const change = useFormErrors();
  const members = usePagedList(
    (cursor) =>
      unwrap(
        api.GET("/api/orgs/{orgId}/members", {
          params: { path: { orgId }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}), ...(query ? { q: query } : {}) } },
        }),
      ),
    [orgId, query],
  );

  function search(event: FormEvent) {
    event.preventDefault();
    setQuery(searchText.trim());
  }

  async function changeRole(member: Member, role: Role) {
    setNotice(undefined);
    setBusyWith(member.userId);
    const updated = await change.run(() =>
      unwrap(api.PATCH("/api/orgs/{orgId}/members/{userId}", { params: { path: { orgId, userId: member.userId } }, body: { role } })),
    );
    setBusyWith(null);
    if (!updated) return;
    members.setItems((list) => list?.map((m) => (m.userId === member.userId ? { ...m, role: updated.role } : m)) ?? null);
    setNotice(t("roleChanged", { name: member.name, role: t(`role.${updated.role}`) }));
  }

  async function remove(member: Member) {
    setNotice(undefined);
    const done = await change.run(() =>
      unwrap(api.DELETE("/api/orgs/{orgId}/members/{userId}", { params: { path: { orgId, userId: member.userId } } })),
    );
    if (!done) return;
    members.setItems((list) => list?.filter((m) => m.userId !== member.userId) ?? null);
    setNotice(t("memberRemoved", { name: member.name }));
  }

  if (isNotAllowed(members.error)) return <NotAllowedNotice />;
  return (
    <section aria-labelledby="members-title" className="mb-5">
      <h2 id="members-title" className="h4 mb-4">
        {t("navMembers")}
      </h2>
      <form role="search" onSubmit={search} className="d-flex flex-wrap gap-2 align-items-end mb-4">
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="members-search" className="active">
            {t("search")}
          </label>
          <input id="members-search" type="search" className="form-control" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("searchButton")}
        </button>
      </form>
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={change.error} />
      {members.error && <FormErrors error={members.error} />}
      {members.items === null ? (
        <Loading />
      ) : (
        <>
          <DataTable<Member>
            caption={t("shown", { count: members.items.length })}
            rows={members.items}
            rowKey={(m) => m.userId}
            empty={t("membersEmpty")}
            columns={[
              { header: t("memberName"), cell: (m) => m.name, rowHeader: true },
              { header: t("email"), cell: (m) => m.email },
              {
                header: t("role"),
                cell: (m) =>
                  m.actions.includes("changeRole") ? (
                    <select
                      className="form-select form-select-sm"
                      aria-label={t("changeRoleOf", { name: m.name })}
                      value={m.role}
                      disabled={busyWith === m.userId}
                      aria-busy={busyWith === m.userId}
                      onChange={(e) => void changeRole(m, e.target.value as Role)}
                    >
                      {allRoles.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`role.${m.role}`)
                  ),
              },
              {
                header: t("office"),
                cell: (m) => (
                  <MemberWorkplace
                    orgId={orgId}
                    member={m}
                    run={change.run}
                    onSaved={(saved) => {
                      members.setItems((list) => list?.map((x) => (x.userId === saved.userId ? saved : x)) ?? null);
                      setNotice(t("workplaceChanged", { name: saved.name }));
                    }}
                  />
                ),
              },
              { header: t("mfa"), cell: (m) => (m.mfaEnabled ? t("yes") : t("no")) },
              { header: t("joinedAt"), cell: (m) => new Date(m.joinedAt).toLocaleDateString(locale) },
              {
                header: t("actionsColumn"),
                cell: (m) =>
                  m.actions.includes("remove") && (
                    <ConfirmButton question={t("removeMemberConfirm", { name: m.name })} onConfirm={() => remove(m)}>
                      {t("removeMember")}
                      <span className="visually-hidden"> {m.name}</span>
                    </ConfirmButton>
                  ),
              },
            ]}
          />
          {members.loading && <Loading />}
          {members.nextCursor && !members.loading && (
            <button type="button" className="btn btn-outline-primary" onClick={() => void members.loadMore()}>
              {t("loadMore")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
