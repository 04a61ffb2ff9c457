namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>The SQL bodies of <see cref="M0005_CreatePostingFunctions"/> (kept apart so the migration stays readable).</summary>
internal static class LedgerSql
{
    public const string PostEntry = """
        CREATE FUNCTION ledger.post_entry(
            p_module text, p_source_id text, p_event_kind text, p_description text,
            p_occurred_at timestamptz, p_created_at timestamptz,
            p_accounts text[], p_directions text[], p_amounts bigint[], p_currencies text[])
        RETURNS TABLE (status text, entry_id bigint, created boolean, detail text)
        LANGUAGE plpgsql AS $fn$
        #variable_conflict use_column
        DECLARE
            v_id bigint;
            v_detail text;
            v_account_ids bigint[];
        BEGIN
            IF coalesce(cardinality(p_accounts), 0) < 2 OR cardinality(p_accounts) <> cardinality(p_directions)
               OR cardinality(p_accounts) <> cardinality(p_amounts) OR cardinality(p_accounts) <> cardinality(p_currencies) THEN
                RETURN QUERY SELECT 'too_few_postings', NULL::bigint, false, NULL::text; RETURN;
            END IF;
            -- Pure checks first (no table access): amounts, then balance per currency.
            SELECT coalesce(l.amount::text, 'null') INTO v_detail FROM unnest(p_amounts) l(amount)
            WHERE l.amount IS NULL OR l.amount <= 0 LIMIT 1;
            IF FOUND THEN
                RETURN QUERY SELECT 'non_positive_amount', NULL::bigint, false, v_detail; RETURN;
            END IF;
            SELECT l.currency INTO v_detail FROM unnest(p_directions, p_amounts, p_currencies) l(direction, amount, currency)
            GROUP BY l.currency
            HAVING sum(CASE l.direction WHEN 'debit' THEN l.amount WHEN 'credit' THEN -l.amount END) IS DISTINCT FROM 0
            LIMIT 1;
            IF FOUND THEN
                RETURN QUERY SELECT 'unbalanced', NULL::bigint, false, v_detail; RETURN;
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
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at)
            VALUES (p_module, p_source_id, p_event_kind, p_description, p_occurred_at, p_created_at)
            ON CONFLICT ON CONSTRAINT journal_entries_source_key DO NOTHING
            RETURNING id INTO v_id;
            IF v_id IS NULL THEN
                -- Idempotent replay: the first entry for this source key stands, whatever this call carried.
                SELECT e.id INTO v_id FROM ledger.journal_entries e
                WHERE e.source_module = p_module AND e.source_id = p_source_id AND e.event_kind = p_event_kind;
                RETURN QUERY SELECT 'ok', v_id, false, NULL::text; RETURN;
            END IF;
            INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency)
            SELECT v_id, l.ord, l.account_id, l.direction, l.amount, l.currency
            FROM unnest(v_account_ids, p_directions, p_amounts, p_currencies) WITH ORDINALITY l(account_id, direction, amount, currency, ord);
            RETURN QUERY SELECT 'ok', v_id, true, NULL::text;
        END
        $fn$;
        """;

    public const string PlaceHold = """
        CREATE FUNCTION ledger.place_hold(
            p_module text, p_source_id text, p_event_kind text, p_kind text,
            p_debit_account text, p_credit_account text, p_amount bigint, p_currency text,
            p_description text, p_occurred_at timestamptz, p_created_at timestamptz)
        RETURNS TABLE (status text, hold_id bigint, created boolean, detail text)
        LANGUAGE plpgsql AS $fn$
        #variable_conflict use_column
        DECLARE
            v_id bigint;
            v_debit ledger.accounts%ROWTYPE;
            v_credit ledger.accounts%ROWTYPE;
        BEGIN
            SELECT h.id INTO v_id FROM ledger.holds h
            WHERE h.source_module = p_module AND h.source_id = p_source_id AND h.event_kind = p_event_kind;
            IF v_id IS NOT NULL THEN
                RETURN QUERY SELECT 'ok', v_id, false, NULL::text; RETURN;
            END IF;
            IF p_amount IS NULL OR p_amount <= 0 THEN
                RETURN QUERY SELECT 'non_positive_amount', NULL::bigint, false, coalesce(p_amount::text, 'null'); RETURN;
            END IF;
            SELECT * INTO v_debit FROM ledger.accounts a WHERE a.code = p_debit_account;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'unknown_account', NULL::bigint, false, p_debit_account; RETURN;
            END IF;
            SELECT * INTO v_credit FROM ledger.accounts a WHERE a.code = p_credit_account;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'unknown_account', NULL::bigint, false, p_credit_account; RETURN;
            END IF;
            IF v_debit.id = v_credit.id THEN
                RETURN QUERY SELECT 'same_account', NULL::bigint, false, p_debit_account; RETURN;
            END IF;
            IF v_debit.currency <> p_currency OR v_credit.currency <> p_currency THEN
                RETURN QUERY SELECT 'currency_mismatch', NULL::bigint, false,
                    CASE WHEN v_debit.currency <> p_currency THEN p_debit_account ELSE p_credit_account END; RETURN;
            END IF;
            INSERT INTO ledger.holds (source_module, source_id, event_kind, kind, debit_account_id, credit_account_id,
                                      amount, currency, description, occurred_at, created_at)
            VALUES (p_module, p_source_id, p_event_kind, p_kind, v_debit.id, v_credit.id,
                    p_amount, p_currency, p_description, p_occurred_at, p_created_at)
            ON CONFLICT ON CONSTRAINT holds_source_key DO NOTHING
            RETURNING id INTO v_id;
            IF v_id IS NULL THEN
                SELECT h.id INTO v_id FROM ledger.holds h
                WHERE h.source_module = p_module AND h.source_id = p_source_id AND h.event_kind = p_event_kind;
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
        LANGUAGE plpgsql AS $fn$
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
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at)
            VALUES (h.source_module, h.source_id, h.event_kind || ':posted', p_description, p_occurred_at, p_created_at)
            ON CONFLICT ON CONSTRAINT journal_entries_source_key DO NOTHING
            RETURNING id INTO v_entry;
            IF v_entry IS NULL THEN
                RETURN QUERY SELECT 'hold_already_resolved', h.id, NULL::bigint, NULL::bigint,
                    'an entry with the capture source key already exists'; RETURN;
            END IF;
            INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency)
            VALUES (v_entry, 1, h.debit_account_id, 'debit', p_amount, h.currency),
                   (v_entry, 2, h.credit_account_id, 'credit', p_amount, h.currency);
            INSERT INTO ledger.hold_resolutions (hold_id, outcome, amount, held_amount, entry_id, created_at)
            VALUES (h.id, 'posted', p_amount, h.amount, v_entry, p_created_at);
            RETURN QUERY SELECT 'ok', h.id, v_entry, p_amount, NULL::text;
        END
        $fn$;
        """;

    // Derived, so always equal to the journal: posted sums from postings, pending sums from unresolved holds.
    public const string AccountBalancesView = """
        CREATE VIEW ledger.account_balances AS
        SELECT a.id, a.code, a.type, a.owner, a.currency, a.normal_side,
               coalesce(p.debits, 0)::bigint  AS debits_posted,
               coalesce(p.credits, 0)::bigint AS credits_posted,
               coalesce(hd.amount, 0)::bigint AS debits_pending,
               coalesce(hc.amount, 0)::bigint AS credits_pending
        FROM ledger.accounts a
        LEFT JOIN LATERAL (
            SELECT sum(x.amount) FILTER (WHERE x.direction = 'debit') AS debits,
                   sum(x.amount) FILTER (WHERE x.direction = 'credit') AS credits
            FROM ledger.postings x WHERE x.account_id = a.id) p ON true
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
