for (const m of ["fastify", "zod", "drizzle-orm/pg-core", "@electric-sql/pglite", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common", "@zxcvbn-ts/language-it", "openid-client", "nodemailer", "@fastify/swagger", "@fastify/swagger-ui", "@fastify/helmet", "pg", "pino", "@node-rs/argon2", "file-type", "otpauth", "@fastify/multipart"]) {
  const t = performance.now(); await import(m); console.log(m, (performance.now() - t).toFixed(0));
}
const t = performance.now(); await import("../../server/app.ts"); console.log("server/app.ts rest", (performance.now() - t).toFixed(0));
