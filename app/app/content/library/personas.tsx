import { useId, useState } from "react";
import { toast } from "sonner";
import { buttonClass } from "../../components/page";
import { useI18n } from "../../i18n";
import type { Persona } from "../types";
import {
  FormProblem,
  fieldClass,
  LibField,
  LibrarySection,
  pill,
  sendJson,
  splitList,
  useApiSubmit,
} from "./form-kit";

const PROFILE_ACCENT: Record<string, string> = { company: "#004F8F", salesperson: "#1A7A3E" };

/** "Empresa" / "Vendedor" in the profile's accent colour. */
function ProfileBadge({ profile }: { profile: string }) {
  const { t } = useI18n();
  return (
    <span
      data-profile={profile}
      className={`${pill} text-white ring-transparent`}
      style={{ backgroundColor: PROFILE_ACCENT[profile] ?? "#64748b" }}
    >
      {t.studio.library.profiles[profile] ?? profile}
    </span>
  );
}

export function PersonasSection({ personas, onChanged }: { personas: Persona[]; onChanged: () => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  return (
    <LibrarySection
      id="library-personas"
      title={l.personas}
      newLabel={l.newPersona}
      emptyLabel={l.noPersonas}
      count={personas.length}
      createForm={(onDone) => <PersonaForm onDone={onDone} />}
      onChanged={onChanged}
    >
      {personas.map((p) => (
        <PersonaCard key={p.id} persona={p} onChanged={onChanged} />
      ))}
    </LibrarySection>
  );
}

function PersonaCard({ persona, onChanged }: { persona: Persona; onChanged: () => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  const [editing, setEditing] = useState(false);
  return (
    <li
      data-persona-id={persona.id}
      aria-label={persona.name}
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      {editing ? (
        <PersonaForm
          persona={persona}
          onDone={(changed) => {
            setEditing(false);
            if (changed) onChanged();
          }}
        />
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold text-slate-900 dark:text-white">{persona.name}</h3>
            <ProfileBadge profile={persona.profile} />
          </div>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-200" data-field="audience">
            {persona.audience}
          </p>
          {persona.toneWords.length > 0 && (
            <ul aria-label={l.tone} className="mt-2 flex flex-wrap gap-1.5">
              {persona.toneWords.map((w) => (
                <li
                  key={w}
                  className={`${pill} bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600`}
                >
                  {w}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className={`${buttonClass.secondary} mt-3`}
            aria-label={l.editPersona(persona.name)}
            onClick={() => setEditing(true)}
          >
            {l.edit}
          </button>
        </>
      )}
    </li>
  );
}

/** Creates a persona, or edits one when `persona` is given. */
function PersonaForm({ persona, onDone }: { persona?: Persona; onDone: (changed: boolean) => void }) {
  const { t } = useI18n();
  const l = t.studio.library;
  const id = useId();
  const { errors, detail, busy, send } = useApiSubmit();
  const [name, setName] = useState(persona?.name ?? "");
  const [profile, setProfile] = useState<string>(persona?.profile ?? "company");
  const [audience, setAudience] = useState(persona?.audience ?? "");
  const [tone, setTone] = useState(persona?.toneWords.join(", ") ?? "");
  const [doRules, setDoRules] = useState(persona?.doRules.join("\n") ?? "");
  const [dontRules, setDontRules] = useState(persona?.dontRules.join("\n") ?? "");

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = {
      name,
      profile,
      audience,
      toneWords: splitList(tone, /,/),
      doRules: splitList(doRules, /\n/),
      dontRules: splitList(dontRules, /\n/),
    };
    const res = persona
      ? await send(`/api/personas/${encodeURIComponent(persona.id)}`, sendJson("PATCH", body))
      : await send("/api/personas", sendJson("POST", body));
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
      aria-label={persona ? l.editPersona(persona.name) : l.newPersona}
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
      {!persona && (
        <LibField id={f("profile")} label={l.profile} error={errors.profile}>
          <select
            id={f("profile")}
            className={fieldClass(errors.profile)}
            value={profile}
            onChange={(e) => setProfile(e.target.value)}
          >
            <option value="company">{l.profiles.company}</option>
            <option value="salesperson">{l.profiles.salesperson}</option>
          </select>
        </LibField>
      )}
      <LibField id={f("audience")} label={l.audience} error={errors.audience}>
        <textarea
          id={f("audience")}
          rows={2}
          className={fieldClass(errors.audience)}
          value={audience}
          onChange={(e) => setAudience(e.target.value)}
          {...aria("audience")}
        />
      </LibField>
      <LibField id={f("toneWords")} label={l.toneWords} error={errors.toneWords}>
        <input
          id={f("toneWords")}
          className={fieldClass(errors.toneWords)}
          value={tone}
          onChange={(e) => setTone(e.target.value)}
          {...aria("toneWords")}
        />
      </LibField>
      <div className="grid gap-3 md:grid-cols-2">
        <LibField id={f("doRules")} label={l.doRules} error={errors.doRules}>
          <textarea
            id={f("doRules")}
            rows={3}
            className={fieldClass(errors.doRules)}
            value={doRules}
            onChange={(e) => setDoRules(e.target.value)}
            {...aria("doRules")}
          />
        </LibField>
        <LibField id={f("dontRules")} label={l.dontRules} error={errors.dontRules}>
          <textarea
            id={f("dontRules")}
            rows={3}
            className={fieldClass(errors.dontRules)}
            value={dontRules}
            onChange={(e) => setDontRules(e.target.value)}
            {...aria("dontRules")}
          />
        </LibField>
      </div>
      <FormProblem detail={detail} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? l.saving : persona ? l.save : l.create}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => onDone(false)}>
          {l.cancel}
        </button>
      </div>
    </form>
  );
}
