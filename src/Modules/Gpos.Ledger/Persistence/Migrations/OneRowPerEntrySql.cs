using Gpos.BuildingBlocks.Persistence;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>The SQL of <see cref="M0007_OneRowPerEntry"/> (kept apart so the migration stays readable).</summary>
internal static class OneRowPerEntrySql
{
    /// <summary>
    /// Sets the version 1 rows aside (an entry with its legs aggregated in leg order, a seal with its entry list in
    /// position order), drops the three version 1 tables and what names them, and re-creates the journal.
    /// </summary>
    public const string Restructure = $$"""
        DROP VIEW ledger.account_balances;
        DROP FUNCTION ledger.post_entry(text, text, text, text, timestamptz, timestamptz, text[], text[], bigint[], text[]);
        DROP FUNCTION ledger.resolve_hold(text, text, text, text, bigint, text, timestamptz, timestamptz);

        -- LEFT JOIN: an entry without postings cannot exist, but if one did, its {NULL} legs fail the new CHECK and
        -- the migration stops instead of dropping it.
        CREATE TEMP TABLE entries_v1 AS
        SELECT e.id, e.source_module, e.source_id, e.event_kind, e.description, e.occurred_at, e.created_at, e.xact_id,
               array_agg(p.account_id ORDER BY p.leg) AS account_ids, array_agg(p.direction ORDER BY p.leg) AS directions,
               array_agg(p.amount ORDER BY p.leg) AS amounts, array_agg(p.currency ORDER BY p.leg) AS currencies
        FROM ledger.journal_entries e LEFT JOIN ledger.postings p ON p.entry_id = e.id
        GROUP BY e.id;
        CREATE TEMP TABLE seal_entries_v1 AS
        SELECT s.seal_seq, array_agg(s.entry_id ORDER BY s.position) AS entry_ids,
               array_agg(s.entry_sha256 ORDER BY s.position) AS entry_hashes
        FROM ledger.sealed_entries s GROUP BY s.seal_seq;

        ALTER TABLE ledger.hold_resolutions DROP CONSTRAINT IF EXISTS hold_resolutions_entry_id_fkey;
        DROP TABLE ledger.sealed_entries;
        DROP TABLE ledger.postings;
        DROP TABLE ledger.journal_entries;
        -- The version 1 trigger functions (their triggers went with the tables). IF EXISTS: development databases made
        -- before M0002 took its final shape named the posting check assert_posting_joins_open_entry.
        DROP FUNCTION IF EXISTS ledger.assert_postings_valid();
        DROP FUNCTION IF EXISTS ledger.assert_posting_joins_open_entry();
        DROP FUNCTION IF EXISTS ledger.assert_entry_balanced();

        -- Why an entry's legs are not valid, or NULL when they are: at least two legs, arrays of one length without
        -- NULLs, sides 'debit' or 'credit', amounts > 0, ISO 4217 letter codes, debits = credits in every currency.
        -- Pure (no table access), so a CHECK constraint can call it and every writer, the owner included, is held to it.
        CREATE FUNCTION ledger.legs_problem(p_directions text[], p_amounts bigint[], p_currencies text[]) RETURNS text
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
        DECLARE
            n integer := coalesce(cardinality(p_amounts), 0);
            first_currency text := p_currencies[1];
            amount bigint;
            net bigint := 0;  -- a sum past bigint raises numeric_value_out_of_range: rejected all the same
            single boolean := true;
        BEGIN
            IF n < 2 THEN
                RETURN 'too_few_postings ' || n;
            END IF;
            IF array_ndims(p_amounts) <> 1 OR array_ndims(p_directions) IS DISTINCT FROM 1
               OR array_ndims(p_currencies) IS DISTINCT FROM 1
               OR cardinality(p_directions) <> n OR cardinality(p_currencies) <> n THEN
                RETURN 'malformed_postings legs';
            END IF;
            IF first_currency IS NULL OR first_currency !~ '^[A-Z]{3}$' THEN
                RETURN 'malformed_postings currency';
            END IF;
            -- One pass for the usual entry (one currency); entries in several currencies are re-checked per currency.
            FOR i IN 1..n LOOP
                amount := p_amounts[i];
                IF amount IS NULL OR amount <= 0 THEN
                    RETURN 'non_positive_amount ' || coalesce(amount::text, 'null');
                END IF;
                IF p_directions[i] = 'debit' THEN
                    net := net + amount;
                ELSIF p_directions[i] = 'credit' THEN
                    net := net - amount;
                ELSE
                    RETURN 'malformed_postings direction';
                END IF;
                IF p_currencies[i] IS DISTINCT FROM first_currency THEN
                    single := false;
                END IF;
            END LOOP;
            IF single THEN
                RETURN CASE WHEN net = 0 THEN NULL ELSE 'unbalanced ' || first_currency END;
            END IF;
            IF EXISTS (SELECT 1 FROM unnest(p_currencies) c WHERE c IS NULL OR c !~ '^[A-Z]{3}$') THEN
                RETURN 'malformed_postings currency';
            END IF;
            RETURN (SELECT 'unbalanced ' || min(l.currency)
                    FROM (SELECT c.currency FROM unnest(p_directions, p_amounts, p_currencies) c(direction, amount, currency)
                          GROUP BY c.currency
                          HAVING sum(CASE c.direction WHEN 'debit' THEN c.amount ELSE -c.amount END) <> 0) l
                    HAVING count(*) > 0);
        END
        $fn$;

        -- One row per entry: the legs are the arrays' elements, leg n at index n. The row is the unit of everything the
        -- ledger promises (balanced, idempotent on the source key, append-only, sealed), so a CHECK states it whole.
        CREATE TABLE ledger.journal_entries (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_module text NOT NULL CHECK (length(source_module) BETWEEN 1 AND 64),
            source_id     text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
            event_kind    text NOT NULL CHECK (length(event_kind) BETWEEN 1 AND 64),
            description   text NOT NULL CHECK (length(description) <= 500),
            occurred_at   timestamptz NOT NULL,
            created_at    timestamptz NOT NULL,
            -- The writing transaction: the sealer relies on it to know which writers have finished. Only the posting
            -- functions insert (the application role has no INSERT here), so it is always this default.
            xact_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
            account_ids   bigint[] NOT NULL,
            directions    text[] NOT NULL,
            amounts       bigint[] NOT NULL,
            currencies    text[] NOT NULL,
            CONSTRAINT journal_entries_source_key UNIQUE (source_module, source_id, event_kind),
            CONSTRAINT journal_entries_balanced CHECK (ledger.legs_problem(directions, amounts, currencies) IS NULL),
            CONSTRAINT journal_entries_accounts CHECK (
                array_ndims(account_ids) = 1 AND cardinality(account_ids) = cardinality(amounts)
                AND array_position(account_ids, NULL) IS NULL)
        );
        CREATE INDEX journal_entries_xact_id ON ledger.journal_entries (xact_id);

        INSERT INTO ledger.journal_entries (id, source_module, source_id, event_kind, description, occurred_at, created_at,
                                            xact_id, account_ids, directions, amounts, currencies)
        OVERRIDING SYSTEM VALUE
        SELECT id, source_module, source_id, event_kind, description, occurred_at, created_at,
               xact_id, account_ids, directions, amounts, currencies
        FROM entries_v1 ORDER BY id;
        SELECT setval(pg_get_serial_sequence('ledger.journal_entries', 'id'), coalesce(max(id), 0) + 1, false)
        FROM ledger.journal_entries;
        REVOKE INSERT ON ledger.journal_entries FROM {{DatabaseRoles.App}};
        ALTER TABLE ledger.hold_resolutions ADD CONSTRAINT hold_resolutions_entry_id_fkey
            FOREIGN KEY (entry_id) REFERENCES ledger.journal_entries (id);

        -- A seal lists the entries it covers and their hashes, in position order, instead of one row per sealed entry.
        -- The one UPDATE this table ever sees fills the lists of the version 1 seals, inside this migration.
        ALTER TABLE ledger.seals ADD COLUMN entry_ids bigint[], ADD COLUMN entry_hashes bytea[];
        ALTER TABLE ledger.seals DISABLE TRIGGER seals_append_only_row;
        UPDATE ledger.seals s SET entry_ids = v.entry_ids, entry_hashes = v.entry_hashes
        FROM seal_entries_v1 v WHERE v.seal_seq = s.seq;
        ALTER TABLE ledger.seals ENABLE TRIGGER seals_append_only_row;
        ALTER TABLE ledger.seals
            ALTER COLUMN entry_ids SET NOT NULL,
            ALTER COLUMN entry_hashes SET NOT NULL,
            ADD CONSTRAINT seals_entry_list CHECK (
                array_ndims(entry_ids) = 1 AND cardinality(entry_ids) = entry_count
                AND array_ndims(entry_hashes) = 1 AND cardinality(entry_hashes) = entry_count
                AND entry_ids[1] = first_entry_id AND entry_ids[entry_count] = last_entry_id);
        -- The sealer's "which candidates are sealed already": the seals whose last entry id reaches the candidates.
        CREATE INDEX seals_last_entry_id ON ledger.seals (last_entry_id);
        -- "Which seal covers entry n": the seals whose id range holds n (ranges of neighbouring seals may overlap when a
        -- transaction commits late).
        CREATE INDEX seals_entry_range ON ledger.seals USING gist (int8range(first_entry_id, last_entry_id, '[]'));

        DROP TABLE entries_v1;
        DROP TABLE seal_entries_v1;
        """;

    /// <summary>The rows of version 1, as read-only views: one row per leg, one row per sealed entry.</summary>
    public const string Views = """
        CREATE VIEW ledger.postings AS
        SELECT e.id AS entry_id, l.leg::smallint AS leg, l.account_id, l.direction, l.amount, l.currency
        FROM ledger.journal_entries e
        CROSS JOIN LATERAL unnest(e.account_ids, e.directions, e.amounts, e.currencies)
            WITH ORDINALITY l(account_id, direction, amount, currency, leg);

        CREATE VIEW ledger.sealed_entries AS
        SELECT u.entry_id, s.seq AS seal_seq, u.position::integer AS position, u.entry_sha256
        FROM ledger.seals s
        CROSS JOIN LATERAL unnest(s.entry_ids, s.entry_hashes) WITH ORDINALITY u(entry_id, entry_sha256, position);

        -- Committed entries no seal covers yet. Every entry written by a transaction older than the last seal's floor is
        -- sealed, so only the entries at or after it are candidates, and only the seals reaching their ids can hold them.
        CREATE FUNCTION ledger.unsealed_entries() RETURNS SETOF ledger.journal_entries
        LANGUAGE sql STABLE AS $fn$
            WITH candidates AS MATERIALIZED (
                SELECT e.* FROM ledger.journal_entries e
                WHERE e.xact_id >= coalesce((SELECT s.xact_floor FROM ledger.seals s ORDER BY s.seq DESC LIMIT 1), '0'::xid8)),
            sealed AS (
                SELECT u.id FROM ledger.seals s CROSS JOIN LATERAL unnest(s.entry_ids) u(id)
                WHERE s.last_entry_id >= (SELECT min(c.id) FROM candidates c))
            SELECT c.* FROM candidates c WHERE NOT EXISTS (SELECT 1 FROM sealed x WHERE x.id = c.id)
        $fn$;
        """;

    // Runs as the owner (SECURITY DEFINER): the application role cannot insert entries itself, so this function is the
    // one way in for it, and it checks what a CHECK cannot (accounts exist, in the leg's currency).
    public const string PostEntry = """
        CREATE FUNCTION ledger.post_entry(
            p_module text, p_source_id text, p_event_kind text, p_description text,
            p_occurred_at timestamptz, p_created_at timestamptz,
            p_accounts text[], p_directions text[], p_amounts bigint[], p_currencies text[])
        RETURNS TABLE (status text, entry_id bigint, created boolean, detail text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        #variable_conflict use_column
        DECLARE
            v_id bigint;
            v_detail text;
            v_account_ids bigint[];
        BEGIN
            -- Pure checks first (no table access), with the CHECK constraint's own function.
            v_detail := ledger.legs_problem(p_directions, p_amounts, p_currencies);
            IF v_detail IS NULL AND cardinality(p_accounts) IS DISTINCT FROM cardinality(p_amounts) THEN
                v_detail := 'malformed_postings accounts';
            END IF;
            IF v_detail IS NOT NULL THEN
                RETURN QUERY SELECT split_part(v_detail, ' ', 1), NULL::bigint, false, split_part(v_detail, ' ', 2); RETURN;
            END IF;
            -- One lookup resolves every account, or names the first unknown or wrong-currency one.
            SELECT array_agg(a.id ORDER BY l.ord),
                   min(CASE WHEN a.id IS NULL THEN 'unknown_account ' || l.code
                            WHEN a.currency <> l.currency THEN 'currency_mismatch ' || l.code END)
            INTO v_account_ids, v_detail
            FROM unnest(p_accounts, p_currencies) WITH ORDINALITY l(code, currency, ord)
            LEFT JOIN ledger.accounts a ON a.code = l.code;
            IF v_detail IS NOT NULL THEN
                RETURN QUERY SELECT split_part(v_detail, ' ', 1), NULL::bigint, false, split_part(v_detail, ' ', 2); RETURN;
            END IF;
            -- A concurrent writer of the same source key makes this wait for its commit, then do nothing.
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at,
                                                account_ids, directions, amounts, currencies)
            VALUES (p_module, p_source_id, p_event_kind, p_description, p_occurred_at, p_created_at,
                    v_account_ids, p_directions, p_amounts, p_currencies)
            ON CONFLICT ON CONSTRAINT journal_entries_source_key DO NOTHING
            RETURNING id INTO v_id;
            IF v_id IS NULL THEN
                -- Idempotent replay: the first entry for this source key stands, whatever this call carried.
                SELECT e.id INTO v_id FROM ledger.journal_entries e
                WHERE e.source_module = p_module AND e.source_id = p_source_id AND e.event_kind = p_event_kind;
                RETURN QUERY SELECT 'ok', v_id, false, NULL::text; RETURN;
            END IF;
            RETURN QUERY SELECT 'ok', v_id, true, NULL::text;
        END
        $fn$;
        """;

    public const string ResolveHold = """
        CREATE FUNCTION ledger.resolve_hold(
            p_module text, p_source_id text, p_event_kind text, p_outcome text, p_amount bigint,
            p_description text, p_occurred_at timestamptz, p_created_at timestamptz)
        RETURNS TABLE (status text, hold_id bigint, entry_id bigint, amount bigint, detail text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        #variable_conflict use_column
        DECLARE
            h ledger.holds%ROWTYPE;
            v_entry bigint;
            v_existing text;
        BEGIN
            SELECT * INTO h FROM ledger.holds x
            WHERE x.source_module = p_module AND x.source_id = p_source_id AND x.event_kind = p_event_kind;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'hold_not_found', NULL::bigint, NULL::bigint, NULL::bigint, NULL::text; RETURN;
            END IF;
            -- Serialises resolutions of one hold until the caller commits (row locks would need UPDATE rights);
            -- the second resolver then sees the first one's row and gets a status instead of a unique violation.
            PERFORM pg_advisory_xact_lock(1279545928, hashint8(h.id));
            SELECT r.outcome || ' ' || r.amount INTO v_existing FROM ledger.hold_resolutions r WHERE r.hold_id = h.id;
            IF FOUND THEN
                RETURN QUERY SELECT 'hold_already_resolved', h.id, NULL::bigint, NULL::bigint, v_existing; RETURN;
            END IF;
            IF p_outcome = 'voided' THEN
                INSERT INTO ledger.hold_resolutions (hold_id, outcome, amount, held_amount, entry_id, created_at)
                VALUES (h.id, 'voided', 0, h.amount, NULL, p_created_at);
                RETURN QUERY SELECT 'ok', h.id, NULL::bigint, 0::bigint, NULL::text; RETURN;
            END IF;
            IF p_amount IS NULL OR p_amount <= 0 THEN
                RETURN QUERY SELECT 'non_positive_amount', h.id, NULL::bigint, NULL::bigint, coalesce(p_amount::text, 'null'); RETURN;
            END IF;
            IF p_amount > h.amount THEN
                RETURN QUERY SELECT 'hold_over_resolved', h.id, NULL::bigint, NULL::bigint, h.amount::text; RETURN;
            END IF;
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at,
                                                account_ids, directions, amounts, currencies)
            VALUES (h.source_module, h.source_id, h.event_kind || ':posted', p_description, p_occurred_at, p_created_at,
                    ARRAY[h.debit_account_id, h.credit_account_id], ARRAY['debit', 'credit'],
                    ARRAY[p_amount, p_amount], ARRAY[h.currency, h.currency])
            ON CONFLICT ON CONSTRAINT journal_entries_source_key DO NOTHING
            RETURNING id INTO v_entry;
            IF v_entry IS NULL THEN
                RETURN QUERY SELECT 'hold_already_resolved', h.id, NULL::bigint, NULL::bigint,
                    'an entry with the capture source key already exists'; RETURN;
            END IF;
            INSERT INTO ledger.hold_resolutions (hold_id, outcome, amount, held_amount, entry_id, created_at)
            VALUES (h.id, 'posted', p_amount, h.amount, v_entry, p_created_at);
            RETURN QUERY SELECT 'ok', h.id, v_entry, p_amount, NULL::text;
        END
        $fn$;
        """;

    // Posted: the projection (sealed entries, kept by the sealer in each seal's transaction) plus the entries not sealed
    // yet; pending: unresolved holds. Read in one snapshot, the projection and the seals agree, so nothing counts twice.
    public const string AccountBalancesView = """
        CREATE VIEW ledger.account_balances AS
        WITH unsealed AS (
            SELECT l.account_id,
                   sum(l.amount) FILTER (WHERE l.direction = 'debit') AS debits,
                   sum(l.amount) FILTER (WHERE l.direction = 'credit') AS credits
            FROM ledger.unsealed_entries() e
            CROSS JOIN LATERAL unnest(e.account_ids, e.directions, e.amounts) l(account_id, direction, amount)
            GROUP BY l.account_id)
        SELECT a.id, a.code, a.type, a.owner, a.currency, a.normal_side,
               (coalesce(b.debits, 0) + coalesce(u.debits, 0))::bigint AS debits_posted,
               (coalesce(b.credits, 0) + coalesce(u.credits, 0))::bigint AS credits_posted,
               coalesce(hd.amount, 0)::bigint AS debits_pending,
               coalesce(hc.amount, 0)::bigint AS credits_pending
        FROM ledger.accounts a
        LEFT JOIN ledger.balance_projection b ON b.account_id = a.id
        LEFT JOIN unsealed u ON u.account_id = a.id
        LEFT JOIN LATERAL (
            SELECT sum(h.amount) AS amount FROM ledger.holds h
            WHERE h.debit_account_id = a.id
              AND NOT EXISTS (SELECT 1 FROM ledger.hold_resolutions r WHERE r.hold_id = h.id)) hd ON true
        LEFT JOIN LATERAL (
            SELECT sum(h.amount) AS amount FROM ledger.holds h
            WHERE h.credit_account_id = a.id
              AND NOT EXISTS (SELECT 1 FROM ledger.hold_resolutions r WHERE r.hold_id = h.id)) hc ON true;
        """;
}
