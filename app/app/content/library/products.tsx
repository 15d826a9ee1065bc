import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { buttonClass } from "../../components/page";
import { useI18n } from "../../i18n";
import type { Product } from "../types";
import { FormProblem, fieldClass, LibField, LibrarySection, pill, sendJson, useApiSubmit } from "./form-kit";

const CATEGORIES = ["dental", "medical", "veterinary", "industrial"] as const;

export function ProductsSection({ products, onChanged }: { products: Product[]; onChanged: () => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  return (
    <LibrarySection
      id="library-products"
      title={l.products}
      newLabel={l.newProduct}
      emptyLabel={l.noProducts}
      count={products.length}
      createForm={(onDone) => <ProductForm onDone={onDone} />}
      onChanged={onChanged}
    >
      {products.map((p) => (
        <ProductCard key={p.id} product={p} onChanged={onChanged} />
      ))}
    </LibrarySection>
  );
}

function ProductCard({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  const [adding, setAdding] = useState(false);
  return (
    <li
      data-product-id={product.id}
      aria-label={product.name}
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900 dark:text-white">{product.name}</h3>
        <span
          className={`${pill} bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600`}
        >
          {l.categories[product.category] ?? product.category}
        </span>
      </div>
      <p className="mt-2 line-clamp-3 text-sm text-slate-700 dark:text-slate-200">{product.description}</p>
      {product.images.length === 0 ? (
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{l.noImages}</p>
      ) : (
        <ul className="mt-3 flex flex-wrap gap-2">
          {product.images.map((img) => (
            <li key={img.id} data-image-id={img.id} className="relative">
              <img
                src={img.url}
                alt={img.alt ?? product.name}
                className="size-20 rounded-md border border-slate-200 bg-slate-50 object-contain dark:border-slate-700"
              />
              {!img.publicOk && (
                <span className="absolute bottom-1 left-1 rounded bg-red-700 px-1 text-[10px] font-semibold uppercase text-white">
                  {l.confidential}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <ImageForm
          product={product}
          onDone={(changed) => {
            setAdding(false);
            if (changed) onChanged();
          }}
        />
      ) : (
        <button type="button" className={`${buttonClass.secondary} mt-3`} onClick={() => setAdding(true)}>
          {l.addImage}
        </button>
      )}
    </li>
  );
}

function ProductForm({ onDone }: { onDone: (changed: boolean) => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  const id = useId();
  const { errors, detail, busy, send } = useApiSubmit();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<string>("dental");

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const res = await send("/api/products", sendJson("POST", { name, description, category }));
    if (res) {
      toast.success(l.saved);
      onDone(true);
    }
  }

  const f = (n: string) => `${id}-${n}`;
  const aria = (n: string) =>
    errors[n] ? { "aria-invalid": true, "aria-describedby": `${f(n)}-error` } : {};
  return (
    <form
      onSubmit={submit}
      aria-label={l.newProduct}
      className="mb-4 grid gap-3 rounded-lg bg-slate-50 p-4 dark:bg-slate-800/50"
      noValidate
    >
      <LibField id={f("name")} label={l.name} error={errors.name}>
        <input
          id={f("name")}
          className={fieldClass(errors.name)}
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...aria("name")}
        />
      </LibField>
      <LibField id={f("category")} label={l.category} error={errors.category}>
        <select
          id={f("category")}
          className={fieldClass(errors.category)}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {l.categories[c]}
            </option>
          ))}
        </select>
      </LibField>
      <LibField id={f("description")} label={l.description} error={errors.description}>
        <textarea
          id={f("description")}
          rows={3}
          className={fieldClass(errors.description)}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...aria("description")}
        />
      </LibField>
      <FormProblem detail={detail} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? l.saving : l.create}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => onDone(false)}>
          {l.cancel}
        </button>
      </div>
    </form>
  );
}

/** Multipart upload of one picture: the API checks the type by content, not by name. */
function ImageForm({ product, onDone }: { product: Product; onDone: (changed: boolean) => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const { errors, setErrors, detail, busy, send } = useApiSubmit();
  const [publicOk, setPublicOk] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setErrors({ file: l.chooseFile });
      return;
    }
    const body = new FormData();
    body.set("file", file);
    body.set("publicOk", publicOk ? "true" : "false");
    const res = await send(`/api/products/${encodeURIComponent(product.id)}/images`, {
      method: "POST",
      body,
    });
    if (res) {
      toast.success(l.uploaded);
      onDone(true);
    }
  }

  // A refused upload (415/413) has no field errors: its message belongs beside the file input.
  const fileError = errors.file ?? (Object.keys(errors).length === 0 ? (detail ?? undefined) : undefined);
  return (
    <form
      onSubmit={submit}
      aria-label={`${l.addImage}: ${product.name}`}
      className="mt-3 grid gap-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50"
      noValidate
    >
      <LibField id={`${id}-file`} label={l.file} error={fileError}>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="text-sm"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-file-error` : undefined}
        />
      </LibField>
      <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
        <input type="checkbox" checked={publicOk} onChange={(e) => setPublicOk(e.target.checked)} />
        {l.publicOk}
      </label>
      {Object.keys(errors).length > 0 && !errors.file && <FormProblem detail={detail} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? l.saving : l.upload}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => onDone(false)}>
          {l.cancel}
        </button>
      </div>
    </form>
  );
}
