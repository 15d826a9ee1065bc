import { data } from "react-router";
import { HomeLink, Notice } from "../components/page";
import { useI18n } from "../i18n";

export function loader() {
  return data(null, { status: 404 });
}

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Notice icon="?" title={t.notFound.title} body={t.notFound.body}>
      <HomeLink />
    </Notice>
  );
}
