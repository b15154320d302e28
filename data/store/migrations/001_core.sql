-- 001: core tables. Years are stored in CE. Emissions are never stored: they are computed from
-- activity rows x emission factors, so every figure stays traceable to its inputs.

CREATE SEQUENCE IF NOT EXISTS import_batch_seq START 1;

CREATE TABLE IF NOT EXISTS import_batch (
    batch_id     INTEGER PRIMARY KEY,
    kind         VARCHAR NOT NULL,           -- municipalities|activities|indicators|actions|scorecard|demo|restore
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    rows         INTEGER NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    imported_by  VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'rolled_back')),
    rolled_back_at TIMESTAMP,
    is_demo      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE IF NOT EXISTS region (
    region_code VARCHAR PRIMARY KEY,
    name_th     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS province (
    province_code VARCHAR PRIMARY KEY,       -- DOPA 2-digit code (geothai)
    name_th       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,
    lat           DOUBLE,
    lon           DOUBLE
);

CREATE TABLE IF NOT EXISTS municipality (
    code          VARCHAR PRIMARY KEY,       -- LAO code
    name_th       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    type          VARCHAR NOT NULL CHECK (type IN ('nakhon', 'mueang', 'tambon', 'sao', 'pao', 'special')),
    province_code VARCHAR NOT NULL,
    population    INTEGER,
    area_km2      DOUBLE,
    lat           DOUBLE,
    lon           DOUBLE,
    role          VARCHAR CHECK (role IN ('pilot', 'replicating', 'network')),
    mentor_code   VARCHAR,
    base_year     INTEGER,
    joined_year   INTEGER,
    batch_id      INTEGER
);

-- Emission-factor library (reference data, loaded from data/reference/emission_factors.csv).
-- co2/ch4/n2o are kg of gas per unit; ghg_gas/ghg_kg carry a refrigerant or other gas. kgco2e_per_unit is the
-- published total under gwp_set (TGO: AR5); other GWP sets are recomputed from the per-gas columns.
CREATE TABLE IF NOT EXISTS emission_factor (
    factor_id       VARCHAR PRIMARY KEY,
    activity        VARCHAR NOT NULL,
    name_th         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    co2             DOUBLE,
    ch4             DOUBLE,
    n2o             DOUBLE,
    ch4_fossil      BOOLEAN,
    ghg_gas         VARCHAR,
    ghg_kg          DOUBLE,
    kgco2e_per_unit DOUBLE NOT NULL,
    biogenic_co2    DOUBLE,
    gwp_set         VARCHAR NOT NULL,
    cfo_scope       INTEGER,
    cfo_category    VARCHAR,
    use             VARCHAR,
    gpc_ref_default VARCHAR,
    valid_from      DATE NOT NULL,
    valid_to        DATE,
    source          VARCHAR NOT NULL,
    version         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS gwp (
    gwp_set VARCHAR NOT NULL,
    gas     VARCHAR NOT NULL,
    value   DOUBLE NOT NULL,
    source  VARCHAR NOT NULL,
    PRIMARY KEY (gwp_set, gas)
);

CREATE TABLE IF NOT EXISTS gpc_ref (
    gpc_ref         VARCHAR PRIMARY KEY,     -- e.g. I.1.1
    sector          VARCHAR NOT NULL,        -- I..VI
    subsector       VARCHAR NOT NULL,        -- e.g. I.1
    name_th         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    scope           INTEGER NOT NULL,
    reporting_level VARCHAR NOT NULL CHECK (reporting_level IN ('B', 'B+', 'T', 'O'))
);

-- Activity data. month NULL = an annual figure. One row per item; monthly rows sum to the year.
CREATE TABLE IF NOT EXISTS activity (
    municipality_code VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    month             INTEGER CHECK (month BETWEEN 1 AND 12),
    inventory         VARCHAR NOT NULL CHECK (inventory IN ('CFO', 'CCF')),
    activity          VARCHAR NOT NULL,
    gpc_ref           VARCHAR,
    amount            DOUBLE NOT NULL,
    unit              VARCHAR NOT NULL,
    data_quality      VARCHAR CHECK (data_quality IN ('H', 'M', 'L')),
    source            VARCHAR,
    note              VARCHAR,
    batch_id          INTEGER
);

-- GPC notation keys for sub-sectors with no figure (NO/IE/NE/C, with the explanation GPC requires).
CREATE TABLE IF NOT EXISTS ccf_notation (
    municipality_code VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    gpc_ref           VARCHAR NOT NULL,
    notation_key      VARCHAR NOT NULL CHECK (notation_key IN ('NO', 'IE', 'NE', 'C')),
    explanation       VARCHAR NOT NULL,
    batch_id          INTEGER
);

CREATE TABLE IF NOT EXISTS indicator_def (
    indicator_code VARCHAR PRIMARY KEY,
    theme          VARCHAR NOT NULL CHECK (theme IN ('low_carbon', 'bike_walk', 'resilience')),
    dimension      INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4),
    name_th        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    definition_th  VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,
    direction      VARCHAR NOT NULL CHECK (direction IN ('up', 'down')),
    method         VARCHAR NOT NULL,         -- linear|binary|...
    lo             DOUBLE,                   -- value scoring 0
    hi             DOUBLE,                   -- value scoring 100
    weight         DOUBLE NOT NULL,
    source         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS indicator_value (
    municipality_code VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    indicator_code    VARCHAR NOT NULL,
    value             DOUBLE NOT NULL,
    evidence          VARCHAR,
    batch_id          INTEGER
);

CREATE TABLE IF NOT EXISTS action (
    action_id         VARCHAR NOT NULL,
    municipality_code VARCHAR NOT NULL,
    title_th          VARCHAR NOT NULL,
    title_en          VARCHAR,
    theme             VARCHAR NOT NULL CHECK (theme IN ('low_carbon', 'bike_walk', 'resilience')),
    dimension         INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4),
    asi               VARCHAR NOT NULL CHECK (asi IN ('avoid', 'shift', 'improve')),
    gpc_sector        VARCHAR,
    department        VARCHAR,
    status            VARCHAR NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed', 'cancelled')),
    start_year        INTEGER NOT NULL,
    end_year          INTEGER,
    budget_thb        DOUBLE,
    expected_tco2e    DOUBLE,
    achieved_tco2e    DOUBLE,
    bike_lane_km      DOUBLE,
    co_benefits       VARCHAR,
    batch_id          INTEGER
);

-- UNDRR Disaster Resilience Scorecard for Cities: level 1 (preliminary, 0-3) and level 2 (detailed, 0-5).
CREATE TABLE IF NOT EXISTS scorecard (
    municipality_code VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    level             VARCHAR NOT NULL CHECK (level IN ('preliminary', 'detailed')),
    essential         INTEGER NOT NULL CHECK (essential BETWEEN 1 AND 10),
    question          VARCHAR NOT NULL,
    score             INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
    batch_id          INTEGER
);

-- One row: what this database holds. is_demo marks synthetic data so that real data never mixes with it.
CREATE TABLE IF NOT EXISTS dataset_info (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    is_demo   BOOLEAN NOT NULL,
    scale     VARCHAR,
    seed      INTEGER,
    built_at  TIMESTAMP NOT NULL,
    data_version INTEGER NOT NULL DEFAULT 1
);
