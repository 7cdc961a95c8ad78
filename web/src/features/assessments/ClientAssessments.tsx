import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { DataTable, Loading, Notice, useAsync } from "../../ui/index.ts";
import { messages } from "./messages.ts";

type Summary = Schemas["AssessmentSummary"];

/**
 * For a user of an IT provider: the assessments of its client organisations assigned to them (the
 * server lists only those), each opened at /clienti/:orgId/valutazioni/:id to answer and add evidence.
 */
export function ClientAssessments({ frameworkName }: { frameworkName: (id: string) => string }) {
  const t = useT(messages);
  const clients = (useSession().session?.relatedOrganisations ?? []).filter((o) => o.relation === "provider_of");
  const state = useAsync(
    () =>
      Promise.all(
        clients.map(async (client) => ({ client, items: (await unwrap(api.GET("/api/orgs/{orgId}/assessments", { params: { path: { orgId: client.id } } }))).items })),
      ),
    [clients.map((c) => c.id).join(",")],
  );
  if (!clients.length) return null;
  return (
    <section aria-labelledby="client-assessments" className="mt-4">
      <h2 id="client-assessments" className="h4">
        {t("clientsTitle")}
      </h2>
      {state.loading && !state.data && <Loading />}
      {state.error && <Notice kind="danger">{state.error.message}</Notice>}
      {state.data?.map(({ client, items }) => (
        <DataTable<Summary>
          key={client.id}
          caption={t("clientsCaption", { name: client.name })}
          rows={items}
          rowKey={(a) => a.id}
          empty={t("clientsEmpty")}
          columns={[
            { header: t("colTitle"), rowHeader: true, cell: (a) => <Link to={`/clienti/${client.id}/valutazioni/${a.id}`}>{a.title}</Link> },
            { header: t("colFramework"), cell: (a) => frameworkName(a.frameworkId) },
            { header: t("colStatus"), cell: (a) => t(`status.${a.status}`) },
          ]}
        />
      ))}
    </section>
  );
}
