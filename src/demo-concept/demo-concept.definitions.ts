/**
 * The demo concept's definitions (README walk-through): which kind of device a MAC address of
 * the demo campus is. Rules are per-device aggregates a labeling function can read; features
 * are classifier inputs. All read `user_ap_trajectory` through the read-only demo connection.
 */
export const DEMO_CONNECTION = 'demo campus';
export const DEMO_CONCEPT = 'device kind';
export const DEMO_VALUES = [
  { name: 'phone', description: 'Carried by a person: short sessions, daytime, many spaces' },
  { name: 'laptop', description: 'Working hours, long sessions in few spaces, quiet weekends' },
  { name: 'fixture', description: 'Always on: one access point, day and night' },
];

const PER_DEVICE = (select: string) =>
  `SELECT mac_address, ${select}\nFROM user_ap_trajectory\nWHERE mac_address IN :index_values\nGROUP BY mac_address`;

export const DEMO_INDEX = {
  name: 'devices',
  description: 'Every MAC address seen on the campus',
  key_column: 'mac_address',
  sql_query:
    'SELECT mac_address, count(*) AS sessions, min(start_time) AS first_seen, max(end_time) AS last_seen\n' +
    'FROM user_ap_trajectory\nGROUP BY mac_address',
};

export const DEMO_RULES = [
  {
    name: 'hours seen per day',
    sql_query: PER_DEVICE(
      'round((sum(extract(epoch FROM end_time - start_time)) / 3600.0 / count(DISTINCT start_time::date))::numeric, 3) AS hours_per_day',
    ),
  },
  {
    name: 'distinct spaces',
    sql_query: PER_DEVICE('count(DISTINCT space_id) AS distinct_spaces'),
  },
  {
    name: 'night share',
    sql_query: PER_DEVICE(
      'avg(CASE WHEN extract(hour FROM start_time) < 6 OR extract(hour FROM start_time) >= 22 THEN 1.0 ELSE 0.0 END)::double precision AS night_share',
    ),
  },
  {
    name: 'mean session minutes',
    sql_query: PER_DEVICE(
      'avg(extract(epoch FROM end_time - start_time) / 60.0)::double precision AS mean_session_minutes',
    ),
  },
  {
    name: 'weekend share',
    sql_query: PER_DEVICE(
      'avg(CASE WHEN extract(isodow FROM start_time) >= 6 THEN 1.0 ELSE 0.0 END)::double precision AS weekend_share',
    ),
  },
];

export const DEMO_FEATURES = [
  {
    name: 'activity',
    sql_query: PER_DEVICE(
      'count(*) AS sessions, count(DISTINCT start_time::date) AS active_days, count(DISTINCT sensor_id) AS distinct_sensors',
    ),
  },
  {
    name: 'session lengths',
    sql_query: PER_DEVICE(
      'percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time)) / 60.0 AS median_session_minutes,\n' +
        '       max(extract(epoch FROM end_time - start_time)) / 3600.0 AS longest_session_hours',
    ),
  },
  {
    name: 'time of day',
    sql_query: PER_DEVICE(
      'avg(extract(hour FROM start_time))::double precision AS mean_start_hour,\n' +
        '       stddev_pop(extract(hour FROM start_time))::double precision AS start_hour_spread',
    ),
  },
];

/** Gold labels for scoring the Snorkel job: the generator's own kinds, as cv_ids. */
export const DEMO_GOLD_RULE = {
  name: 'true kind (gold)',
  column: 'true_kind',
  sql: (cv: Record<string, number>) =>
    `SELECT mac_address, CASE kind WHEN 'phone' THEN ${cv.phone} WHEN 'laptop' THEN ${cv.laptop} WHEN 'fixture' THEN ${cv.fixture} END AS true_kind\n` +
    'FROM demo_device_truth\nWHERE mac_address IN :index_values',
};

/**
 * Labeling functions of all three types, each a rule of thumb that is right on most devices it
 * votes on and wrong on some (a weak supervisor): the label model weighs them.
 */
export const DEMO_LFS: {
  name: string;
  rule: string;
  values: string[];
  lf_type: 'conditions' | 'sql' | 'code';
  config: (cv: Record<string, number>) => Record<string, unknown>;
}[] = [
  {
    name: 'long sessions',
    rule: 'mean session minutes',
    values: ['laptop'],
    lf_type: 'conditions',
    config: (cv) => ({
      label: cv.laptop,
      conditions: [{ column: 'mean_session_minutes', op: '>=', value: 60 }],
    }),
  },
  {
    name: 'roams widely',
    rule: 'distinct spaces',
    values: ['phone'],
    lf_type: 'conditions',
    config: (cv) => ({
      label: cv.phone,
      conditions: [{ column: 'distinct_spaces', op: '>=', value: 25 }],
    }),
  },
  {
    name: 'few places',
    rule: 'distinct spaces',
    values: ['laptop', 'fixture'],
    lf_type: 'code',
    config: () => ({
      code:
        'function labelingFunction(row) {\n' +
        '  if (row.distinct_spaces === 1) return FIXTURE;\n' +
        '  if (row.distinct_spaces <= 12) return LAPTOP;\n' +
        '  return ABSTAIN;\n' +
        '}\n',
    }),
  },
  {
    name: 'awake at night',
    rule: 'night share',
    values: ['fixture', 'phone'],
    lf_type: 'sql',
    config: (cv) => ({
      expression: `CASE WHEN night_share >= 0.2 THEN ${cv.fixture} WHEN night_share > 0.02 THEN ${cv.phone} END`,
    }),
  },
  {
    name: 'weekday worker',
    rule: 'weekend share',
    values: ['laptop', 'fixture'],
    lf_type: 'code',
    config: () => ({
      code:
        '// quiet weekends look like work, busy ones like an always-on device (phones fool it)\n' +
        'function labelingFunction(row) {\n' +
        '  if (row.weekend_share < 0.04) return LAPTOP;\n' +
        '  if (row.weekend_share > 0.2) return FIXTURE;\n' +
        '  return ABSTAIN;\n' +
        '}\n',
    }),
  },
  {
    name: 'always on',
    rule: 'hours seen per day',
    values: ['fixture'],
    lf_type: 'conditions',
    config: (cv) => ({
      label: cv.fixture,
      conditions: [{ column: 'hours_per_day', op: '>', value: 20 }],
    }),
  },
];
