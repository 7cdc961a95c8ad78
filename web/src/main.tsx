import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import "bootstrap-italia/dist/css/bootstrap-italia.min.css";
import "./ui/fonts.css";
import "./ui/app.css";
import { router } from "./app/router.tsx";
import { SessionProvider } from "./app/session.tsx";
import { LocaleProvider } from "./i18n/locale.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LocaleProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </LocaleProvider>
  </StrictMode>,
);
