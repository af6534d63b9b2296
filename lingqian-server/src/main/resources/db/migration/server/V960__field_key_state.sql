-- Staff's decisions about the field-encryption keys (FieldKeys; docs/credentials.md): which key seals
-- new values, which were current before and which are retired. Shared by every instance, which
-- applies it on start and then every minute. The key material itself never lives here: it stays in
-- lingqian.crypto.keys (a secret store), so a database backup alone opens nothing.
CREATE TABLE field_key_state (
    key_id      VARCHAR(32)  PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL CONSTRAINT field_key_state_status_check
                                      CHECK (status IN ('CURRENT', 'PREVIOUS', 'RETIRED')),
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(100) NOT NULL
);
