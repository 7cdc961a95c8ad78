import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { useT } from "../../../i18n/index.ts";
import { Notice, PageTitle, useAsync } from "../../../ui/index.ts";
import { PageData } from "../../organisation/page-access.tsx";
import { authoringApi } from "./authoring-api.ts";
import { messages } from "./messages.ts";
import { createScormApi, type RuntimeReport } from "./scorm-runtime.ts";

declare global {
  interface Window {
    API?: ReturnType<typeof createScormApi>;
  }
}

/** /formazione/scorm/:packageId: the package in an iframe of our origin, window.API its runtime. */
export function ScormPlayerPage() {
  const t = useT(messages);
  const { packageId = "" } = useParams();
  const pkg = useAsync(() => authoringApi.scorm(packageId), [packageId]);
  const [recorded, setRecorded] = useState<{ lessonStatus: string; scoreRaw: number | null } | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    // the API must be in place before the package's page looks for it
    window.API = createScormApi((report: RuntimeReport) => {
      void authoringApi.scormReport(packageId, report).then((r) => setRecorded(r));
    });
    setReady(true);
    return () => {
      delete window.API;
    };
  }, [packageId]);

  return (
    <>
      <PageTitle>{pkg.data?.title ?? t("playerTitle")}</PageTitle>
      <PageData state={pkg}>
        {(data) => (
          <>
            {ready && <iframe className="academy-scorm-frame" src={data.launchUrl} title={t("playerFrame", { title: data.title })} />}
            <Notice kind="info">
              {recorded
                ? [t("playerStatus", { status: recorded.lessonStatus }), recorded.scoreRaw !== null ? t("playerScore", { score: recorded.scoreRaw }) : ""].filter(Boolean).join(", ")
                : t("playerNotYet")}
            </Notice>
          </>
        )}
      </PageData>
    </>
  );
}
