// What `aiven-fork` prints: text for people (stdout), one JSON document for scripts
// (`--json`), errors and progress (stderr). API text is printed with its control,
// bidirectional and line-separator characters escaped, so nothing a server sends can
// move the cursor, recolour the terminal or reorder what is shown.

/** `text` with every invisible or terminal-controlling character as `\uXXXX`. */
export function safe(text) {
  return String(text).replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The one JSON document of `--json`. */
export function jsonDocument(doc) {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A ForkError (or anything thrown) as JSON: code, message, every finding, HTTP details. */
export function errorJson(error) {
  return {
    code: typeof error?.code === 'string' ? error.code : 'unexpected',
    message: String(error?.message ?? error),
    errors: Array.isArray(error?.errors) ? error.errors : [],
    ...(error?.status !== undefined ? { status: error.status } : {}),
    ...(error?.serverMessage !== undefined ? { serverMessage: error.serverMessage } : {}),
  };
}

/** A failure as lines for stderr: `error: code: message`, each finding, the HTTP answer. */
export function errorText(error) {
  const e = errorJson(error);
  const lines = [`error: ${e.code}: ${safe(e.message)}`];
  if (e.errors.length > 1) {
    for (const i of e.errors) lines.push(`  - ${i.code}${i.field ? ` (${safe(i.field)})` : ''}: ${safe(i.message)}`);
  }
  if (e.status !== undefined) lines.push(`  HTTP ${e.status}${e.serverMessage ? `: ${safe(e.serverMessage)}` : ''}`);
  return `${lines.join('\n')}\n`;
}

function describe(service) {
  return `${safe(service.service_type)}, ${safe(service.plan)}, ${safe(service.cloud_name ?? '')}; ${safe(service.state)}`;
}

/** `fork`'s first line, once the fork exists. */
export function forkedText(request, result) {
  const how = result.created ? 'created' : 'already exists (nothing created)';
  return `fork ${safe(request.serviceName)} of ${safe(request.source.service)} in ${safe(request.project)}: ${how} (${describe(result.service)})\n`;
}

/** `fork --wait`'s last line. */
export function runningText(service) {
  return `${safe(service.service_name)} is ${safe(service.state)}\n`;
}

/** The equivalents of `--explain`, each command with its hint. */
export function equivalentsText(eq) {
  const parts = ['The same fork by hand:'];
  for (const [key, title] of [['cli', 'avn'], ['curl', 'curl'], ['terraform', 'Terraform']]) {
    parts.push('', `# ${title}`);
    if (eq[key]) parts.push(eq[key].trimEnd());
    const hint = eq.hints?.[key];
    if (hint) parts.push(...hint.split('\n').map((l) => `(${title}: ${safe(l)})`));
  }
  return `${parts.join('\n')}\n\n`;
}

/** `$0.2740 an hour (business-4 in google-europe-west1)`. */
export function priceText(price) {
  return `$${safe(price.hourlyUsd)} an hour (${safe(price.plan)} in ${safe(price.cloud)})`;
}

/** `check`'s report for people. */
export function checkText(request, result) {
  const { report, existing } = result;
  const lines = [];
  const what = `fork ${safe(request.serviceName)} of ${safe(request.source.service)} in ${safe(request.project)}`;
  const d = report.defaults;
  const plan = request.plan ?? d.plan;
  const cloud = request.cloud ?? d.cloud;
  lines.push(`check: ${what}${plan || cloud ? ` (${[d.serviceType, plan, cloud].filter(Boolean).map(safe).join(', ')})` : ''}`);
  lines.push(`price: ${report.price ? priceText(report.price) : 'unknown (the plan list has no price for this plan and cloud)'}`);
  for (const w of report.warnings) lines.push(`warning: ${w.code}: ${safe(w.message)}`);
  if (existing !== null) {
    lines.push(`ok: the fork already exists (${describe(existing)}); fork would create nothing`);
  } else if (report.ok) {
    lines.push('ok: every rule passes; nothing was created');
  } else {
    for (const e of report.errors) lines.push(`error: ${e.code}${e.field ? ` (${safe(e.field)})` : ''}: ${safe(e.message)}`);
    lines.push(`refused: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}; nothing was created`);
  }
  return `${lines.join('\n')}\n`;
}

/** `delete`'s line. */
export function deleteText(o, result) {
  return result.deleted
    ? `deleted ${safe(o.name)} (a fork of ${safe(o.forkedFrom)}) in ${safe(o.project)}\n`
    : `${safe(o.name)} does not exist in ${safe(o.project)}: nothing to delete\n`;
}

/**
 * Progress of `--wait` on `stream` (stderr): a bar redrawn in place on a terminal
 * (`[#######.................]  30% basebackup`), one line per phase otherwise.
 */
export function progressPrinter(stream) {
  const tty = stream.isTTY === true;
  let last = null;
  let drawn = false;
  return {
    update(p) {
      const phase = safe(p.phase ?? String(p.state).toLowerCase());
      if (tty) {
        const pct = Math.max(0, Math.min(100, p.percent ?? 0));
        const width = 24;
        const done = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(Math.floor(pct)).padStart(3)}% ${phase.padEnd(20)}`);
        drawn = true;
      } else if (phase !== last) {
        stream.write(`progress: ${phase}${p.percent === null ? '' : ` ${Math.floor(p.percent)}%`}\n`);
      }
      last = phase;
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
