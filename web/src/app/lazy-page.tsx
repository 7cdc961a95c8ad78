import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { Loading } from "../ui/Loading.tsx";

/**
 * A page that arrives in its feature's own chunk on the first visit, with the spinner meanwhile.
 * The first bundle then carries only the shell, the home and sign-in pages: a citizen opening the
 * academy or the public threat page does not download the risk register or the audit log.
 */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M & string): ReactNode {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
