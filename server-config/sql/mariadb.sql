-- Signoff schema for MariaDB 10.5 and later (InnoDB, utf8mb4, binary collation). Times are epoch milliseconds.
CREATE TABLE IF NOT EXISTS signoff_session (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    subject      VARCHAR(255)  NOT NULL,
    roles        VARCHAR(1024),
    created_at   BIGINT        NOT NULL,
    refreshed_at BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    revoked_at   BIGINT,
    user_agent   VARCHAR(512),
    address      VARCHAR(64)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_session_subject ON signoff_session (subject);
CREATE INDEX IF NOT EXISTS signoff_session_expires ON signoff_session (expires_at);
CREATE INDEX IF NOT EXISTS signoff_session_revoked ON signoff_session (revoked_at);

CREATE TABLE IF NOT EXISTS signoff_refresh_token (
    token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    session_id  VARCHAR(64) NOT NULL,
    issued_at   BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    consumed_at BIGINT,
    replaced_by VARCHAR(64)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_refresh_token_session ON signoff_refresh_token (session_id);
CREATE INDEX IF NOT EXISTS signoff_refresh_token_expires ON signoff_refresh_token (expires_at);

CREATE TABLE IF NOT EXISTS signoff_revoked_token (
    jti        VARCHAR(64)  NOT NULL PRIMARY KEY,
    subject    VARCHAR(255),
    revoked_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_revoked_token_revoked ON signoff_revoked_token (revoked_at);
CREATE INDEX IF NOT EXISTS signoff_revoked_token_expires ON signoff_revoked_token (expires_at);

CREATE TABLE IF NOT EXISTS signoff_subject_revocation (
    subject    VARCHAR(255) NOT NULL PRIMARY KEY,
    not_before BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_subject_revocation_updated ON signoff_subject_revocation (updated_at);

-- The login at an external OpenID Provider a session continues, for back-channel logout (null for Signoff's own logins).
ALTER TABLE signoff_session ADD COLUMN IF NOT EXISTS provider_iss VARCHAR(255);
ALTER TABLE signoff_session ADD COLUMN IF NOT EXISTS provider_sub VARCHAR(255);
ALTER TABLE signoff_session ADD COLUMN IF NOT EXISTS provider_sid VARCHAR(255);
CREATE INDEX IF NOT EXISTS signoff_session_provider_sid ON signoff_session (provider_sid);
CREATE INDEX IF NOT EXISTS signoff_session_provider_sub ON signoff_session (provider_sub);

-- Back-channel logout tokens already used (SHA-256 of iss and jti), kept until they could no longer be valid.
CREATE TABLE IF NOT EXISTS signoff_logout_token (
    jti_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    used_at    BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_logout_token_expires ON signoff_logout_token (expires_at);

-- the signing keys Signoff makes itself when no key is configured: slot is the algorithm and generation (ES256/3)
CREATE TABLE IF NOT EXISTS signoff_signing_key (
    slot       VARCHAR(32)   NOT NULL PRIMARY KEY,
    algorithm  VARCHAR(16)   NOT NULL,
    generation BIGINT        NOT NULL,
    kid        VARCHAR(64)   NOT NULL,
    material   VARCHAR(8000) NOT NULL,
    created_at BIGINT        NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- failed logins, for a throttling limit that holds across the cluster (signoff.login.throttle-store=database)
CREATE TABLE IF NOT EXISTS signoff_login_failure (
    failure_key  VARCHAR(300) NOT NULL PRIMARY KEY,
    failures     BIGINT       NOT NULL,
    last_failure BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS signoff_login_failure_last ON signoff_login_failure (last_failure);
