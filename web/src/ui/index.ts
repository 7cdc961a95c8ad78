export { PageTitle } from "./PageTitle.tsx";
export { FormField } from "./FormField.tsx";
export { FormErrors, useFormErrors } from "./FormErrors.tsx";
export { Notice } from "./Notice.tsx";
export { Loading } from "./Loading.tsx";
export { DataTable, type Column } from "./DataTable.tsx";
export { ConfirmButton } from "./ConfirmButton.tsx";
export { useAsync } from "./use-async.ts";
