import { createBrowserRouter } from "react-router-dom";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { RouteGuard } from "./RouteGuard.tsx";
import { routes } from "./routes.tsx";

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      ...routes.map((route) => ({ path: route.path, element: <RouteGuard route={route}>{route.element}</RouteGuard> })),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
