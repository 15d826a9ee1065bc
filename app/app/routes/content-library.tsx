import { data, Link, useRevalidator } from "react-router";
import { Forbidden, PageHeader } from "../components/page";
import { PersonasSection } from "../content/library/personas";
import { ProductsSection } from "../content/library/products";
import type { Persona, Product } from "../content/types";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { Role } from "../lib/types";
import type { Route } from "./+types/content-library";

const ROLES: Role[] = ["admin", "marketing"];

export async function loader({ request, context }: Route.LoaderArgs) {
  if (!ROLES.includes(context.get(userContext).role))
    return data({ allowed: false as const }, { status: 403 });
  const [personas, products] = await Promise.all([
    apiJson<{ items: Persona[] }>(context, request, "/api/personas"),
    apiJson<{ items: Product[] }>(context, request, "/api/products"),
  ]);
  if (!personas.ok) throw data(personas.problem, { status: personas.status });
  if (!products.ok) throw data(products.problem, { status: products.status });
  return { allowed: true as const, personas: personas.data.items, products: products.data.items };
}

export function meta() {
  return [{ title: "Lifetrek — Biblioteca" }];
}

export default function ContentLibrary({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  const revalidator = useRevalidator();
  if (!loaderData.allowed) return <Forbidden />;
  const l = t.studio.library;
  const refresh = () => void revalidator.revalidate();
  return (
    <>
      <PageHeader
        title={l.title}
        subtitle={l.subtitle}
        actions={
          <Link
            to="/content"
            className="text-sm font-medium text-brand-blue hover:underline dark:text-blue-300"
          >
            ← {l.back}
          </Link>
        }
      />
      <div className="space-y-6">
        <PersonasSection personas={loaderData.personas} onChanged={refresh} />
        <ProductsSection products={loaderData.products} onChanged={refresh} />
      </div>
    </>
  );
}
