import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import {
  CertificateCodeParams,
  CertificateListSchema,
  CertificateParams,
  CertificateVerificationSchema,
  StatementResultSchema,
  StatementsQuery,
} from "./academy.schemas.ts";
import { renderCertificate } from "./certificate-pdf.ts";
import { myCertificates, ownCertificate, verifyCertificate } from "./certificates.service.ts";
import { listStatements } from "./statements.service.ts";
import { errors, tags } from "./paths.routes.ts";

/** The learning record: xAPI statements and certificates, and the public check of a certificate. */
export const recordsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/academy/statements",
    {
      schema: {
        tags,
        summary: "xAPI statements, newest first: mine, or (managers) every learner's of my organisation; an xAPI StatementResult",
        querystring: StatementsQuery,
        response: { 200: StatementResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      reply.header("x-experience-api-version", "1.0.3");
      return listStatements(ctx.db, actor, request.query);
    },
  );

  app.get(
    "/api/academy/my/certificates",
    { schema: { tags, summary: "My certificates", response: { 200: CertificateListSchema, ...errors } } },
    async (request) => ({ items: await myCertificates(ctx.db, requireActor(request)) }),
  );

  app.get(
    "/api/academy/my/certificates/:certificateId/pdf",
    {
      schema: {
        tags,
        summary: "One of my certificates as PDF, with its verification code (Italian unless lang=en)",
        params: CertificateParams,
        querystring: z.strictObject({ lang: z.enum(["it", "en"]).default("it") }),
        produces: ["application/pdf"],
        response: { 200: z.any().describe("the PDF file"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await ownCertificate(ctx.db, actor, request.params.certificateId);
      const pdf = await renderCertificate(row, ctx.config.publicUrl, request.query.lang);
      reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="attestato-${row.pathSlug}.pdf"`)
        .header("cache-control", "no-store");
      return reply.send(pdf);
    },
  );

  app.get(
    "/api/academy/certificates/:code",
    {
      schema: {
        tags,
        summary: "Public check of a certificate by the code printed on it (no sign-in)",
        params: CertificateCodeParams,
        response: { 200: CertificateVerificationSchema, ...errors },
      },
    },
    async (request) => verifyCertificate(ctx.db, request.params.code),
  );
};
