// The editor's form: a service (name, replicas, sidecar, mTLS mode, retries and timeout, who
// calls it), a gateway route, a fault or a config change, written into the text. What it writes
// is checked as any edit is; the form itself refuses what it cannot write, and a service the
// schema would refuse at once (a name taken, replicas under 1), named at its field.
import { useEffect, useId, useRef, useState } from 'react';
import { newServiceProblems, retriesNegative, type Addition, type FieldProblem, type TakenNames } from './additions';
import { readDurationField } from '../faults/durationField';
import { DURATION_RULE, DurationInput } from '../faults/DurationInput';
import { NO_SIDECAR_MTLS, servicePolicyNote } from './serviceNotes';

type Kind = 'service' | 'route' | 'fault' | 'change';

const FAULTS = ['kill-replica', 'slow-replica', 'http-abort', 'kill-service'] as const;

/**
 * `onAdd` writes the addition and answers what went wrong (a note, or problems at fields), or
 * null. `takenNames` answers the names the text gives now, asking the editor's worker when its
 * check has not answered yet (null: no worker), so a press of Add in the editor's first moments
 * is checked against the text's names too. `sidecars` names the services with a sidecar (who
 * applies a new service's retries: serviceNotes.ts).
 */
export function AdditionForm({
  services,
  clients,
  gateways,
  sidecars,
  onAdd,
  takenNames,
}: {
  services: string[];
  clients: string[];
  gateways: string[];
  sidecars: string[];
  onAdd: (a: Addition) => Promise<string | FieldProblem[] | null>;
  takenNames: () => Promise<TakenNames | null>;
}) {
  const [kind, setKind] = useState<Kind>('service');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  // The message goes under the button: brought into the column's view, or with the problems list
  // above it and the button at the column's foot a click on Add showed nothing.
  // Each press of Add, the same message again included.
  const said = useRef<HTMLParagraphElement>(null);
  const [presses, setPresses] = useState(0);
  useEffect(() => {
    if (error) said.current?.scrollIntoView({ block: 'nearest' });
  }, [error, presses]);
  // Service
  const [name, setName] = useState('reviews');
  const [replicas, setReplicas] = useState('2');
  const [sidecar, setSidecar] = useState(true);
  const [mtls, setMtls] = useState<'STRICT' | 'PERMISSIVE'>('STRICT');
  const [serviceTime, setServiceTime] = useState('5ms');
  const [retries, setRetries] = useState('2');
  const [timeout, setTimeout_] = useState('1s');
  const [calledBy, setCalledBy] = useState('');
  // Route
  const [gateway, setGateway] = useState('');
  const [pathPrefix, setPathPrefix] = useState('/');
  const [upstream, setUpstream] = useState('');
  // Fault and change
  const [faultType, setFaultType] = useState<(typeof FAULTS)[number]>('kill-replica');
  const [target, setTarget] = useState('');
  const [at, setAt] = useState('10s');
  const [lasting, setLasting] = useState('20s');
  const [amount, setAmount] = useState('');
  const [changeType, setChangeType] = useState<'policy' | 'mtls'>('policy');
  // A field's problem goes when the kind of addition changes (its fields are others).
  useEffect(() => {
    setProblems([]);
    setError(null);
  }, [kind, faultType, changeType]);

  const svc = (v: string) => v || services[0] || '';

  /**
   * The addition the fields make, or every problem they have at once, each at its field (a
   * service named "my service!" with replicas 0 and service time "fast" is three problems, not
   * one at each press; N4's trial 7). Durations are read as a scenario file reads them (a bare
   * number is milliseconds, readDurationField).
   */
  function addition(taken: TakenNames): Addition | FieldProblem[] {
    const problems: FieldProblem[] = [];
    const say = (field: string, text: string) => void problems.push({ field, text });
    const duration = (field: string, label: string, value: string, rule: { positive?: boolean; emptyMeans?: string } = {}): string | null => {
      const d = readDurationField(value, rule);
      if (d.ok) return d.value;
      say(field, `${label}: ${d.message}`);
      return null;
    };
    const whole = (v: string) => v.trim() !== '' && Number.isInteger(Number(v));
    switch (kind) {
      case 'service': {
        const n = Number(replicas);
        // Number('') is 0: an empty field was written as replicas 0 and named as "got 0".
        if (!whole(replicas)) say('replicas', `replicas: "${replicas}" is not a whole number`);
        const r = retries.trim() === '' ? null : Number(retries);
        problems.push(...newServiceProblems(name.trim(), whole(replicas) ? n : null, taken, r !== null && Number.isInteger(r) ? r : null));
        const time = duration('serviceTime', 'service time', serviceTime, { positive: true });
        if (r !== null && !Number.isInteger(r)) say('retries', `retries: "${retries}" is not a whole number (leave it empty for the defaults)`);
        const limit = duration('timeout', 'timeout', timeout, { positive: true, emptyMeans: 'for none' });
        if (problems.length > 0) return problems;
        return { kind: 'service', name: name.trim(), replicas: n, sidecar, mtls: sidecar ? mtls : null, serviceTime: time ?? '5ms', retries: r, timeout: limit ?? '', calledBy };
      }
      case 'route':
        return { kind: 'route', gateway: gateway.trim() || gateways[0] || 'api', pathPrefix, service: svc(upstream) };
      case 'fault': {
        const atD = duration('at', 'at', at);
        const forD = duration('for', 'for', lasting, { positive: true, emptyMeans: 'for the rest of the run' });
        // Text that is no number went out as NaN, which JSON writes as null: "expected number, got null".
        const amountKey = faultType === 'slow-replica' ? 'factor' : 'percent';
        if ((faultType === 'slow-replica' || faultType === 'http-abort') && amount.trim() && !Number.isFinite(Number(amount))) say('amount', `${amountKey}: "${amount.trim()}" is not a number (leave it empty for ${faultType === 'slow-replica' ? 5 : 50})`);
        if (problems.length > 0) return problems;
        const entry: Record<string, unknown> = { type: faultType, service: svc(target), at: atD ?? 0, ...(forD !== null ? { for: forD } : {}) };
        if (faultType === 'slow-replica') entry.factor = amount.trim() ? Number(amount) : 5;
        if (faultType === 'http-abort') entry.percent = amount.trim() ? Number(amount) : 50;
        return { kind: 'fault', entry };
      }
      case 'change': {
        const atD = duration('at', 'at', at);
        if (changeType === 'mtls') return problems.length > 0 ? problems : { kind: 'change', entry: { type: 'mtls', at: atD ?? 0, service: svc(target), mode: mtls } };
        const policy: Record<string, unknown> = {};
        if (retries.trim() !== '' && !Number.isInteger(Number(retries))) say('retries', `retries: "${retries.trim()}" is not a whole number (leave it empty to keep the service's retries)`);
        else if (retries.trim() !== '' && Number(retries) < 0) say('retries', retriesNegative(Number(retries)));
        const limit = duration('timeout', 'timeout', timeout, { positive: true, emptyMeans: 'for none' });
        if (problems.length > 0) return problems;
        if (retries.trim() !== '') policy.retries = { attempts: Number(retries) };
        if (limit !== null) policy.timeout = limit;
        if (Object.keys(policy).length === 0) return [{ field: '', text: 'retries, timeout: both are empty, so the change would change nothing; give retries, a timeout or both' }];
        return { kind: 'change', entry: { type: 'policy', at: atD ?? 0, service: svc(target), policy } };
      }
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPresses((n) => n + 1);
    const a = addition((kind === 'service' ? await takenNames() : null) ?? { services, clients, gateways });
    if (Array.isArray(a)) {
      setProblems(a);
      return setError(formNote(a));
    }
    setProblems([]);
    const answer = await onAdd(a);
    if (Array.isArray(answer)) {
      setProblems(answer);
      return setError(formNote(answer));
    }
    setError(answer);
  }
  /** The problem shown beside the field `field`, if any. */
  const problemAt = (field: string) => problems.find((p) => p.field === field)?.text;

  const serviceSelect = (value: string, set: (v: string) => void, label: string, testId: string) => (
    <label className="editor-field">
      <span className="editor-field-label">{label}</span>
      <select value={svc(value)} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {services.map((s, i) => (
          <option key={`${i}:${s}`}>{s}</option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} aria-label="Add to the scenario" data-testid="editor-form">
      <h3 className="section-title">Add to the scenario</h3>
      <div className="editor-kinds" role="radiogroup" aria-label="What to add">
        {(['service', 'route', 'fault', 'change'] as const).map((k) => (
          <label key={k} className={`editor-kind ${kind === k ? 'editor-kind-on' : ''}`}>
            <input type="radio" name="editor-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`editor-kind-${k}`} />
            {k === 'route' ? 'gateway route' : k}
          </label>
        ))}
      </div>
      {kind === 'service' && (
        <div className="editor-fields">
          <Text label="Name" value={name} set={setName} testId="editor-service-name" problem={problemAt('name')} />
          <Text label="Replicas" value={replicas} set={setReplicas} testId="editor-service-replicas" problem={problemAt('replicas')} />
          <Duration label="Service time (median)" value={serviceTime} set={setServiceTime} testId="editor-service-time" problem={problemAt('serviceTime')} />
          <label className="editor-field editor-check">
            <input type="checkbox" checked={sidecar} onChange={(e) => setSidecar(e.target.checked)} data-testid="editor-service-sidecar" /> Sidecar
          </label>
          <MtlsSelect value={mtls} set={setMtls} sidecar={sidecar} />
          <Text label="Retries" value={retries} set={setRetries} title="Retries after the first try of a call to this service (policy.retries.attempts), made by the caller's sidecar; empty for Istio's default" problem={problemAt('retries')} />
          <Duration label="Timeout" value={timeout} set={setTimeout_} title="Route timeout over every try of a call to this service (policy.timeout), kept by the caller's sidecar, such as 1s; empty for none" testId="editor-service-timeout" problem={problemAt('timeout')} />
          <label className="editor-field">
            <span className="editor-field-label">Called by</span>
            <select value={calledBy} onChange={(e) => setCalledBy(e.target.value)} data-testid="editor-service-caller">
              <option value="">nobody yet</option>
              {services.map((s, i) => (
                <option key={`${i}:${s}`}>{s}</option>
              ))}
            </select>
          </label>
          <p className="editor-field-note" data-testid="editor-service-policy-note">
            {servicePolicyNote(name, sidecar, calledBy, sidecars)}
          </p>
        </div>
      )}
      {kind === 'route' && (
        <div className="editor-fields">
          <Text label="Gateway" value={gateway || gateways[0] || 'api'} set={setGateway} title="An existing gateway gets the route; a new name makes a gateway" />
          <Text label="Path prefix" value={pathPrefix} set={setPathPrefix} title='Requests whose path starts with this take the route, e.g. "/orders"; goes in before a route that takes every request' testId="editor-route-prefix" problem={problemAt('pathPrefix')} />
          {serviceSelect(upstream, setUpstream, 'Upstream service', 'editor-route-service')}
        </div>
      )}
      {kind === 'fault' && (
        <div className="editor-fields">
          <label className="editor-field">
            <span className="editor-field-label">Fault</span>
            <select value={faultType} onChange={(e) => setFaultType(e.target.value as (typeof FAULTS)[number])} data-testid="editor-fault-type">
              {FAULTS.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
          {serviceSelect(target, setTarget, 'Service', 'editor-fault-service')}
          <Duration label="At" value={at} set={setAt} testId="editor-at" problem={problemAt('at')} />
          <Duration label="For" value={lasting} set={setLasting} title="How long; empty for the rest of the run" testId="editor-for" problem={problemAt('for')} />
          {(faultType === 'slow-replica' || faultType === 'http-abort') && <Text label={faultType === 'slow-replica' ? 'Factor' : 'Percent'} value={amount} set={setAmount} title={faultType === 'slow-replica' ? 'How many times slower (default 5)' : 'Share of requests aborted, 0-100 (default 50)'} problem={problemAt('amount')} />}
        </div>
      )}
      {kind === 'change' && (
        <div className="editor-fields">
          <label className="editor-field">
            <span className="editor-field-label">Change</span>
            <select value={changeType} onChange={(e) => setChangeType(e.target.value as 'policy' | 'mtls')} data-testid="editor-change-type">
              <option value="policy">policy (retries, timeout)</option>
              <option value="mtls">mTLS mode</option>
            </select>
          </label>
          {serviceSelect(target, setTarget, 'Service', 'editor-change-service')}
          <Duration label="At" value={at} set={setAt} testId="editor-at" problem={problemAt('at')} />
          {changeType === 'policy' ? (
            <>
              <Text label="Retries" value={retries} set={setRetries} problem={problemAt('retries')} />
              <Duration label="Timeout" value={timeout} set={setTimeout_} title="Route timeout over every try (policy.timeout), such as 1s; empty for none" testId="editor-change-timeout" problem={problemAt('timeout')} />
            </>
          ) : (
            <MtlsSelect value={mtls} set={setMtls} />
          )}
        </div>
      )}
      <button type="submit" className="button" data-testid="editor-add">
        Add {kind === 'route' ? 'gateway route' : kind}
      </button>
      {error && (
        <p ref={said} className="editor-said editor-said-bad" role="alert" data-testid="editor-form-error">
          {error}
        </p>
      )}
    </form>
  );
}

// A field's problem sits in its label, under the input, but is not its name: the input is named by
// its label text alone (aria-label) and described by the problem (aria-describedby), so a screen
// reader (and getByLabel) reads "Replicas", then what is wrong with it.
function Text({ label, value, set, title, testId, problem }: { label: string; value: string; set: (v: string) => void; title?: string; testId?: string; problem?: string }) {
  const id = useId();
  return (
    <label className="editor-field" title={title}>
      <span className="editor-field-label">{label}</span>
      <input value={value} onChange={(e) => set(e.target.value)} data-testid={testId} aria-label={label} aria-invalid={problem ? true : undefined} aria-describedby={problem ? id : undefined} />
      <FieldProblemText id={id} text={problem} />
    </label>
  );
}

/** A duration field: a bare number is milliseconds, and the field says so ("ms" after it). */
function Duration({ label, value, set, title, testId, problem }: { label: string; value: string; set: (v: string) => void; title?: string; testId?: string; problem?: string }) {
  const id = useId();
  return (
    <label className="editor-field" title={`${title ? `${title}. ` : ''}${DURATION_RULE[0].toUpperCase()}${DURATION_RULE.slice(1)}`}>
      <span className="editor-field-label">{label}</span>
      <DurationInput value={value} onChange={set} testId={testId} placeholder="e.g. 250ms or 2s" ariaLabel={label} invalid={problem !== undefined} describedBy={problem ? id : undefined} />
      <FieldProblemText id={id} text={problem} />
    </label>
  );
}

/** A field's problem, under it, as `label: problem`. */
function FieldProblemText({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span id={id} className="editor-field-problem" data-testid="editor-field-problem">
      {text}
    </span>
  ) : null;
}

/**
 * What is said under Add when the fields have problems: a problem of no one field in full, else
 * how many and where (each is beside its field; with the button at the column's foot the fields
 * may be above the fold).
 */
function formNote(problems: readonly FieldProblem[]): string {
  const loose = problems.filter((p) => p.field === '');
  if (loose.length > 0) return loose.map((p) => p.text).join('\n');
  // Each field by its label ("At", "Service time"): "at at above" read as a stutter for the At field.
  const names = problems.map((p) => p.text.slice(0, p.text.indexOf(':'))).map((n) => n.charAt(0).toUpperCase() + n.slice(1));
  if (names.length === 1) return `Nothing added: a problem in the ${names[0]} field above.`;
  return `Nothing added: ${problems.length} problems, in the ${names.slice(0, -1).join(', ')} and ${names.at(-1)} fields above.`;
}

/**
 * The mTLS mode menu. Without a sidecar (`sidecar` false: the service form's box unticked) it is
 * disabled, labelled and reading NO_SIDECAR_MTLS, as nothing at the service would enforce a mode; the mode
 * chosen before comes back when the box is ticked again.
 */
function MtlsSelect({ value, set, sidecar = true }: { value: 'STRICT' | 'PERMISSIVE'; set: (v: 'STRICT' | 'PERMISSIVE') => void; sidecar?: boolean }) {
  return (
    <label className="editor-field" title={sidecar ? 'Peer authentication of calls into its sidecar: STRICT takes mTLS only, PERMISSIVE mTLS or plaintext' : 'A service without a sidecar has nothing to terminate mTLS: its callers reach it in plaintext'}>
      <span className="editor-field-label">{sidecar ? 'mTLS' : NO_SIDECAR_MTLS.label}</span>
      <select value={sidecar ? value : 'none'} disabled={!sidecar} onChange={(e) => set(e.target.value as 'STRICT' | 'PERMISSIVE')} data-testid="editor-service-mtls">
        {sidecar ? (
          <>
            <option>STRICT</option>
            <option>PERMISSIVE</option>
          </>
        ) : (
          <option value="none">{NO_SIDECAR_MTLS.choice}</option>
        )}
      </select>
    </label>
  );
}
