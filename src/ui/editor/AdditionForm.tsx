// The editor's form: a service (name, replicas, sidecar, mTLS mode, retries and timeout, who
// calls it), a gateway route, a fault or a config change, written into the text. What it writes
// is checked as any edit is; the form itself refuses what it cannot write, and a service the
// schema would refuse at once (a name taken, replicas under 1), named at its field.
import { useEffect, useRef, useState } from 'react';
import { newServiceProblem, type Addition } from './additions';
import { readDurationField } from '../faults/durationField';
import { DURATION_RULE, DurationInput } from '../faults/DurationInput';

type Kind = 'service' | 'route' | 'fault' | 'change';

const FAULTS = ['kill-replica', 'slow-replica', 'http-abort', 'kill-service'] as const;

/** `onAdd` writes the addition and answers what went wrong, or null. */
export function AdditionForm({ services, clients, gateways, onAdd }: { services: string[]; clients: string[]; gateways: string[]; onAdd: (a: Addition) => Promise<string | null> }) {
  const [kind, setKind] = useState<Kind>('service');
  const [error, setError] = useState<string | null>(null);
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

  const svc = (v: string) => v || services[0] || '';

  // Durations as a scenario file reads them: a bare number is milliseconds (readDurationField).
  const durationOf = (label: string, text: string, rule: { positive?: boolean; emptyMeans?: string } = {}): string | null | { problem: string } => {
    const d = readDurationField(text, rule);
    return d.ok ? d.value : { problem: `${label}: ${d.message}` };
  };

  function addition(): Addition | string {
    const atD = durationOf('at', at);
    const forD = durationOf('for', lasting, { positive: true, emptyMeans: 'for the rest of the run' });
    const timeD = durationOf('service time', serviceTime, { positive: true });
    const timeoutD = durationOf('timeout', timeout, { positive: true, emptyMeans: 'for none' });
    for (const d of kind === 'service' ? [timeD, timeoutD] : kind === 'fault' ? [atD, forD] : kind === 'change' ? (changeType === 'policy' ? [atD, timeoutD] : [atD]) : []) if (d !== null && typeof d === 'object') return d.problem;
    const text = (d: typeof atD) => (typeof d === 'string' ? d : null);
    switch (kind) {
      case 'service': {
        const n = Number(replicas);
        if (!name.trim()) return 'name: a service needs a name';
        // Number('') is 0: an empty field was written as replicas 0 and named as "got 0".
        if (!replicas.trim() || !Number.isInteger(n)) return `replicas: "${replicas}" is not a whole number`;
        const taken = newServiceProblem(name.trim(), n, { services, clients, gateways });
        if (taken) return taken;
        const r = retries.trim() === '' ? null : Number(retries);
        if (r !== null && !Number.isInteger(r)) return `retries: "${retries}" is not a whole number (leave it empty for the defaults)`;
        return { kind: 'service', name: name.trim(), replicas: n, sidecar, mtls, serviceTime: text(timeD) ?? '5ms', retries: r, timeout: text(timeoutD) ?? '', calledBy };
      }
      case 'route':
        return { kind: 'route', gateway: gateway.trim() || gateways[0] || 'api', pathPrefix, service: svc(upstream) };
      case 'fault': {
        const entry: Record<string, unknown> = { type: faultType, service: svc(target), at: text(atD) ?? 0, ...(text(forD) !== null ? { for: text(forD) } : {}) };
        // Text that is no number went out as NaN, which JSON writes as null: "expected number, got null".
        const amountKey = faultType === 'slow-replica' ? 'factor' : 'percent';
        if ((faultType === 'slow-replica' || faultType === 'http-abort') && amount.trim() && !Number.isFinite(Number(amount))) return `${amountKey}: "${amount.trim()}" is not a number (leave it empty for ${faultType === 'slow-replica' ? 5 : 50})`;
        if (faultType === 'slow-replica') entry.factor = amount.trim() ? Number(amount) : 5;
        if (faultType === 'http-abort') entry.percent = amount.trim() ? Number(amount) : 50;
        return { kind: 'fault', entry };
      }
      case 'change': {
        if (changeType === 'mtls') return { kind: 'change', entry: { type: 'mtls', at: text(atD) ?? 0, service: svc(target), mode: mtls } };
        const policy: Record<string, unknown> = {};
        if (retries.trim() !== '' && !Number.isInteger(Number(retries))) return `retries: "${retries.trim()}" is not a whole number (leave it empty to keep the service's retries)`;
        if (retries.trim() !== '') policy.retries = { attempts: Number(retries) };
        if (text(timeoutD) !== null) policy.timeout = text(timeoutD);
        if (Object.keys(policy).length === 0) return 'retries, timeout: both are empty, so the change would change nothing; give retries, a timeout or both';
        return { kind: 'change', entry: { type: 'policy', at: text(atD) ?? 0, service: svc(target), policy } };
      }
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPresses((n) => n + 1);
    const a = addition();
    if (typeof a === 'string') return setError(a);
    setError(await onAdd(a));
  }

  const serviceSelect = (value: string, set: (v: string) => void, label: string, testId: string) => (
    <label className="editor-field">
      <span className="editor-field-label">{label}</span>
      <select value={svc(value)} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {services.map((s) => (
          <option key={s}>{s}</option>
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
          <Text label="Name" value={name} set={setName} testId="editor-service-name" />
          <Text label="Replicas" value={replicas} set={setReplicas} testId="editor-service-replicas" />
          <Duration label="Service time (median)" value={serviceTime} set={setServiceTime} testId="editor-service-time" />
          <label className="editor-field editor-check">
            <input type="checkbox" checked={sidecar} onChange={(e) => setSidecar(e.target.checked)} data-testid="editor-service-sidecar" /> Sidecar
          </label>
          <MtlsSelect value={mtls} set={setMtls} />
          <Text label="Retries" value={retries} set={setRetries} title="Retries after the first try (policy.retries.attempts); empty for Istio's default" />
          <Duration label="Timeout" value={timeout} set={setTimeout_} title="Route timeout over every try (policy.timeout), such as 1s; empty for none" testId="editor-service-timeout" />
          <label className="editor-field">
            <span className="editor-field-label">Called by</span>
            <select value={calledBy} onChange={(e) => setCalledBy(e.target.value)} data-testid="editor-service-caller">
              <option value="">nobody yet</option>
              {services.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      {kind === 'route' && (
        <div className="editor-fields">
          <Text label="Gateway" value={gateway || gateways[0] || 'api'} set={setGateway} title="An existing gateway gets the route; a new name makes a gateway" />
          <Text label="Path prefix" value={pathPrefix} set={setPathPrefix} />
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
          <Duration label="At" value={at} set={setAt} testId="editor-at" />
          <Duration label="For" value={lasting} set={setLasting} title="How long; empty for the rest of the run" testId="editor-for" />
          {(faultType === 'slow-replica' || faultType === 'http-abort') && <Text label={faultType === 'slow-replica' ? 'Factor' : 'Percent'} value={amount} set={setAmount} title={faultType === 'slow-replica' ? 'How many times slower (default 5)' : 'Share of requests aborted, 0-100 (default 50)'} />}
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
          <Duration label="At" value={at} set={setAt} testId="editor-at" />
          {changeType === 'policy' ? (
            <>
              <Text label="Retries" value={retries} set={setRetries} />
              <Duration label="Timeout" value={timeout} set={setTimeout_} title="Route timeout over every try (policy.timeout), such as 1s; empty for none" testId="editor-change-timeout" />
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

function Text({ label, value, set, title, testId }: { label: string; value: string; set: (v: string) => void; title?: string; testId?: string }) {
  return (
    <label className="editor-field" title={title}>
      <span className="editor-field-label">{label}</span>
      <input value={value} onChange={(e) => set(e.target.value)} data-testid={testId} />
    </label>
  );
}

/** A duration field: a bare number is milliseconds, and the field says so ("ms" after it). */
function Duration({ label, value, set, title, testId }: { label: string; value: string; set: (v: string) => void; title?: string; testId?: string }) {
  return (
    <label className="editor-field" title={`${title ? `${title}. ` : ''}${DURATION_RULE[0].toUpperCase()}${DURATION_RULE.slice(1)}`}>
      <span className="editor-field-label">{label}</span>
      <DurationInput value={value} onChange={set} testId={testId} placeholder="e.g. 250ms or 2s" />
    </label>
  );
}

function MtlsSelect({ value, set }: { value: 'STRICT' | 'PERMISSIVE'; set: (v: 'STRICT' | 'PERMISSIVE') => void }) {
  return (
    <label className="editor-field">
      <span className="editor-field-label">mTLS</span>
      <select value={value} onChange={(e) => set(e.target.value as 'STRICT' | 'PERMISSIVE')}>
        <option>STRICT</option>
        <option>PERMISSIVE</option>
      </select>
    </label>
  );
}
