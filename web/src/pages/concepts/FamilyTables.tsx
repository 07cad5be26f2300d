import { num, pct } from './format';
import type { ClassifierResults, FamilyMetrics } from './types';

type Results = ClassifierResults['results'];
type Classes = Results['classes'];

const METRIC_LABEL: Record<string, string> = {
  accuracy: 'accuracy',
  balanced_accuracy: 'balanced accuracy',
  weighted_f1: 'weighted F1',
};

/** Every family's scores on the held-out rows; the best (the one registered) marked in words. */
export function FamilyTable({ results }: { results: Results }) {
  const metric = METRIC_LABEL[results.selection_metric] ?? results.selection_metric;
  const gold = results.families.some((f) => f.gold_accuracy != null);
  return (
    <div className="scroll-x" tabIndex={0} role="group" aria-labelledby="families-title">
      <table className="numeric">
        <caption id="families-title">
          Model families on the held-out rows (best by {metric}, registered as the model)
        </caption>
        <thead>
          <tr>
            <th scope="col">Family</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Balanced accuracy</th>
            <th scope="col">Weighted F1</th>
            <th scope="col">Training (s)</th>
            {gold && <th scope="col">Gold accuracy</th>}
          </tr>
        </thead>
        <tbody>
          {results.families.map((f) => {
            const isBest = f.family === results.best;
            return (
              <tr key={f.family} className={isBest ? 'best' : undefined}>
                <th scope="row">
                  {f.family}
                  {isBest && <strong className="best-tag"> ★ best</strong>}
                </th>
                {f.metrics ? (
                  <>
                    <td>{pct(f.metrics.accuracy)}</td>
                    <td>{pct(f.metrics.balanced_accuracy)}</td>
                    <td>{num(f.metrics.weighted_f1)}</td>
                    <td>{num(f.train_seconds)}</td>
                    {gold && <td>{pct(f.gold_accuracy)}</td>}
                  </>
                ) : (
                  <td colSpan={gold ? 5 : 4} className="error-text">
                    failed: {f.error ?? 'no metrics'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const nameOf = (classes: Classes, i: number) =>
  classes.find((c) => c.index === i)?.name ?? `class ${i}`;

/** Rows: the true class; columns: the predicted one; the diagonal (right answers) in bold. */
export function ConfusionMatrix({
  family,
  metrics,
  classes,
}: {
  family: string;
  metrics: FamilyMetrics;
  classes: Classes;
}) {
  const m = metrics.confusion_matrix ?? [];
  if (!m.length) return null;
  return (
    <div className="scroll-x" tabIndex={0} role="group" aria-labelledby="confusion-title">
      <table className="confusion numeric">
        <caption id="confusion-title">
          Confusion matrix of {family} (rows: true class, columns: predicted class)
        </caption>
        <thead>
          <tr>
            <td />
            {m[0].map((_, j) => (
              <th key={j} scope="col">
                predicted {nameOf(classes, j)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.map((row, i) => (
            <tr key={i}>
              <th scope="row">true {nameOf(classes, i)}</th>
              {row.map((v, j) => (
                <td key={j} className={i === j ? 'diag' : v ? 'off' : undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Precision, recall and F1 by class of one family. */
export function PerClass({
  family,
  metrics,
  classes,
}: {
  family: string;
  metrics: FamilyMetrics;
  classes: Classes;
}) {
  if (!metrics.per_class?.length) return null;
  return (
    <table className="compact numeric">
      <caption>{family} by class</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">F1</th>
        </tr>
      </thead>
      <tbody>
        {metrics.per_class.map((p, i) => (
          <tr key={i}>
            <th scope="row">{p.name ?? nameOf(classes, i)}</th>
            <td>{pct(p.precision)}</td>
            <td>{pct(p.recall)}</td>
            <td>{num(p.f1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
