// "Pick A and B" under the ready-made pairs (trial N15, finding 8: any other pair of shipped
// scenarios needed a typed ?compare=A,B link). Two of the shipped scenarios, A the one open by
// default; Compare opens them side by side on one clock, at your speed (pairHref). Its own lazy
// chunk, loaded by the scenario panel: the initial JS stays as it was.
import { useState } from 'react';
import { useAppStore } from '../state/useAppStore';
import { DEFAULT_SCENARIO_ID } from '../scenarios/catalog';
import { pairHref } from './pairs';
import './pickPair.css';

/** Two selects of the shipped scenarios and a Compare link to `?compare=A,B`; no link while A and B are the same. */
export default function PickPair() {
  const builtin = useAppStore((s) => s.entries).filter((e) => e.source === 'builtin');
  const selectedId = useAppStore((s) => s.selectedId);
  const speedId = useAppStore((s) => s.speedId);
  const open = builtin.some((e) => e.id === selectedId) ? selectedId! : DEFAULT_SCENARIO_ID;
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const sideA = a ?? open;
  const sideB = b ?? builtin.find((e) => e.id !== sideA)?.id ?? sideA;
  const pick = (id: string, value: string, set: (v: string) => void, label: string) => (
    <label className="pick-pair-side">
      {label}{' '}
      <select data-testid={id} value={value} onChange={(e) => set(e.target.value)}>
        {builtin.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
            {e.id === selectedId ? ' (open)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="pick-pair" data-testid="pick-pair">
      <span className="pick-pair-head">Or pick two:</span> {pick('pick-pair-a', sideA, setA, 'A')} {pick('pick-pair-b', sideB, setB, 'B')}{' '}
      {sideA === sideB ? (
        <span className="form-note" data-testid="pick-pair-same">
          pick two different scenarios
        </span>
      ) : (
        <a className="button button-quiet button-small" data-testid="pick-pair-open" href={pairHref(sideA, sideB, speedId)} title={`${sideA} and ${sideB} on one seed and one clock`}>
          Compare
        </a>
      )}
    </div>
  );
}
