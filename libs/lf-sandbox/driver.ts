/**
 * The code that runs inside the sandbox before the user's: it captures the built-ins it needs
 * (so user code that rewrites prototypes or globals cannot change how rows are passed in or
 * votes passed out) and evaluates to `bind`, which picks up the user's `labelingFunction` and
 * returns the batch runner.
 *
 * A batch arrives by column: numbers and booleans in one Float64Array (slot after slot of n
 * values) with a null mask (kinds n/b have nulls, N/B none), every other column in one JSON array of arrays (strings with NUL
 * and lone surrogates survive JSON's escapes). For each shape of batch (names and kinds) the
 * runner compiles one loop whose row is an object literal with the column names as keys, so
 * the interpreter builds rows without a per-cell branch; the loop calls the LF and writes one
 * vote per row into an Int32Array: the LF's class when it is one of `allowed`, else ABSTAIN
 * (-1), counting throws and invalid returns with the first few messages.
 */
export const DRIVER_SOURCE = String.raw`(function () {
  'use strict';
  const I32 = Int32Array, U8 = Uint8Array, F64 = Float64Array, Buffer = ArrayBuffer;
  const isInteger = Number.isInteger, createObject = Object.create, makeFunction = Function;
  const toStr = String, stringify = JSON.stringify, parse = JSON.parse;
  const call = Function.prototype.call;
  const slice = call.bind(String.prototype.slice);
  const MAX_MESSAGES = 5;
  function describe(v) {
    try {
      if (typeof v === 'string') return 'the string ' + stringify(v.length > 40 ? slice(v, 0, 40) + '…' : v);
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return typeof v + ' ' + toStr(v);
      return 'a value of type ' + typeof v;
    } catch (e) { return 'an unprintable value'; }
  }
  function messageOf(e) {
    try {
      const m = e !== null && typeof e === 'object' && 'message' in e ? e.message : e;
      const s = toStr(m);
      return s.length > 300 ? slice(s, 0, 300) + '…' : s;
    } catch (x) { return 'an error that cannot be printed'; }
  }
  // one compiled loop per batch shape
  const loops = createObject(null);
  function loopFor(names, kinds) {
    const key = stringify([names, kinds]);
    if (loops[key]) return loops[key];
    let fields = '', views = '';
    let slot = 0, json = 0;
    for (let j = 0; j < names.length; j++) {
      const name = stringify(names[j]);
      const k = names[j] === '__proto__' ? '[' + name + ']' : name;  // a literal __proto__ key would set the prototype
      const kind = kinds[j];
      let value;
      if (kind === 'j') value = 'J' + json++ + '[r]';
      else {
        // a view per column; the null test only where the column has nulls (n, b: nulls; N, B: none)
        views += '  const N' + slot + ' = new F64(numBuf, ' + slot + ' * n * 8, n), M' + slot + ' = new U8(maskBuf, ' + slot + ' * n, n);\n';
        const v = kind === 'b' || kind === 'B' ? '(N' + slot + '[r] === 1)' : 'N' + slot + '[r]';
        value = kind === 'n' || kind === 'b' ? '(M' + slot + '[r] === 1 ? null : ' + v + ')' : v;
        slot++;
      }
      fields += (fields ? ', ' : '') + k + ': ' + value;
    }
    for (let i = 0; i < json; i++) views += '  const J' + i + ' = J[' + i + '];\n';
    const body =
      'return function (n, F64, U8, numBuf, maskBuf, J, lf, allowed, votes, report) {\n' +
      views +
      '  for (let r = 0; r < n; r++) {\n' +
      '    let result;\n' +
      '    try { result = lf({' + fields + '}); }\n' +
      '    catch (e) { votes[r] = -1; report(0, r, e); continue; }\n' +
      '    if (result === undefined || result === null || result === -1) votes[r] = -1;\n' +
      '    else if (typeof result === "number" && allowed[result] === true) votes[r] = result;\n' +
      '    else { votes[r] = -1; report(1, r, result); }\n' +
      '  }\n' +
      '};';
    return (loops[key] = makeFunction(body)());
  }
  return function bind() {
    const lf = globalThis.labelingFunction;
    if (typeof lf !== 'function') throw new TypeError('the code must define function labelingFunction(row)');
    return function runBatch(n, namesJson, kindsJson, allowedJson, numBuf, maskBuf, jsonText) {
      const names = parse(namesJson), kinds = parse(kindsJson), allowedList = parse(allowedJson);
      const J = parse(jsonText);
      const allowed = createObject(null);
      for (let i = 0; i < allowedList.length; i++) if (isInteger(allowedList[i])) allowed[allowedList[i]] = true;
      const out = new Buffer(n * 4), votes = new I32(out);
      let errors = 0, invalid = 0;
      const messages = [];
      const report = function (what, r, v) {
        if (what === 0) errors++; else invalid++;
        if (messages.length < MAX_MESSAGES)
          messages[messages.length] = 'row ' + r + ': ' + (what === 0 ? messageOf(v) : 'returned ' + describe(v) + ', not ABSTAIN or an applicable value');
      };
      loopFor(names, kinds)(n, F64, U8, numBuf, maskBuf, J, lf, allowed, votes, report);
      return { votes: out, errors: errors, invalid: invalid, messages: stringify(messages) };
    };
  };
})()`;
