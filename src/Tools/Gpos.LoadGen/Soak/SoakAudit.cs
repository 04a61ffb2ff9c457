using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;

namespace Gpos.LoadGen.Soak;

/// <summary>One audit check: what was compared, how many objects were looked at, how many broke it.</summary>
internal sealed record AuditCheck(string Counter, string Name, long Checked, long Violations, string? Detail = null);

/// <summary>
/// After the drain: the generator's journal and both simulators' own records against GPOS's database. The same checks as
/// the crash test (tests/Gpos.IntegrationTests/Reliability/CrashRecoveryTests.cs), over a whole soak, plus the PSP side:
/// every charge GPOS holds has the PSP's status.
/// </summary>
internal static class SoakAudit
{
    public const string AcknowledgedButLost = "acknowledged but lost";
    public const string DoubleEffects = "double effects";
    public const string SalesLeftPending = "sales left pending";
    public const string ChargesNotConverged = "charges not converged";
    public const string Ledger = "ledger";

    /// <summary>Sales that reached no final state: not confirmed, not declined, not reversed with the host's 0410.</summary>
    public const string PendingSalesSql = """
        SELECT count(*) FROM cards.authorizations a
        WHERE NOT EXISTS (SELECT 1 FROM cards.confirmations c WHERE c.sale_id = a.sale_id)
          AND NOT EXISTS (SELECT 1 FROM cards.authorization_results r WHERE r.sale_id = a.sale_id AND r.outcome = 'declined')
          AND NOT EXISTS (SELECT 1 FROM cards.reversals v JOIN cards.saf_queue q ON q.reversal_id = v.reversal_id
                          WHERE v.sale_id = a.sale_id AND q.completed_at IS NOT NULL)
        """;

    public const string OpenSafSql = "SELECT count(*) FROM cards.saf_queue WHERE completed_at IS NULL";

    public static async Task<IReadOnlyList<AuditCheck>> RunAsync(SoakTarget target, SoakJournal journal, HttpClient pspApi, HttpClient cardControl,
        HttpClient ops, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(journal);
        await using var db = NpgsqlDataSource.Create(target.Database);
        var checks = new List<AuditCheck>();

        // Acknowledged but lost: every 2xx the generator received is in the database.
        checks.Add(await MissingAsync(db, "sales answered 201 missing from cards.authorizations", journal.Sales.Keys,
            "SELECT sale_id::text FROM cards.authorizations WHERE sale_id::text = ANY(@ids)", cancellationToken));
        checks.Add(await MissingAsync(db, "confirmations answered 200 missing from cards.confirmations", journal.Confirmed.Keys,
            "SELECT sale_id::text FROM cards.confirmations WHERE sale_id::text = ANY(@ids)", cancellationToken));
        checks.Add(await MissingAsync(db, "undos answered 200 without a reversal", journal.Undone.Keys,
            "SELECT sale_id::text FROM cards.reversals WHERE reason = 'undo' AND sale_id::text = ANY(@ids)", cancellationToken));
        checks.Add(await MissingAsync(db, "charges answered 201 missing from pix.charges", journal.Charges.Keys,
            "SELECT txid FROM pix.charges WHERE txid = ANY(@ids)", cancellationToken));

        // Double effects.
        var host = await HostSalesAsync(cardControl, cancellationToken);
        var duplicates = host.Where(m => m.Rrn.Length > 0).GroupBy(m => m.Rrn).Count(g => g.Count() > 1);
        checks.Add(new AuditCheck(DoubleEffects, "0200 sent to the card host more than once for one RRN", host.Count, duplicates));
        checks.Add(new AuditCheck(DoubleEffects, "confirmed sales that GPOS also reversed", journal.Confirmed.Count,
            await ScalarAsync(db, "SELECT count(*) FROM cards.confirmations c JOIN cards.reversals v USING (sale_id)", cancellationToken)));
        var confirmedRrns = await StringsAsync(db, "SELECT a.rrn FROM cards.authorizations a JOIN cards.confirmations c USING (sale_id)", cancellationToken);
        var approved = host.Where(m => m.ResponseCode == "00").ToList();
        checks.Add(new AuditCheck(DoubleEffects, "host sales both confirmed at GPOS and reversed at the host", approved.Count,
            approved.Count(m => m.Reversed && confirmedRrns.Contains(m.Rrn))));
        checks.Add(new AuditCheck(DoubleEffects, "charges with more than one revision at GPOS", journal.Charges.Count,
            await ScalarAsync(db, "SELECT count(*) FROM (SELECT txid FROM pix.charge_revisions GROUP BY txid HAVING count(*) > 1) d", cancellationToken)));
        checks.Add(new AuditCheck(DoubleEffects, "paid Pix without exactly one ledger entry 'received'", journal.Payments.Count,
            await ScalarAsync(db, """
                SELECT count(*) FROM pix.received_pix p
                WHERE p.accepted AND (SELECT count(*) FROM ledger.journal_entries e
                                      WHERE e.source_module = 'pix' AND e.source_id = p.end_to_end_id AND e.event_kind = 'received') <> 1
                """, cancellationToken)));

        // Sales left pending: every sale final at GPOS, and both sides agree.
        checks.Add(new AuditCheck(SalesLeftPending, "sales neither confirmed, declined nor reversed with the host's 0410",
            await ScalarAsync(db, "SELECT count(*) FROM cards.authorizations", cancellationToken), await ScalarAsync(db, PendingSalesSql, cancellationToken)));
        checks.Add(new AuditCheck(SalesLeftPending, "reversals still queued or flagged for manual intervention",
            await ScalarAsync(db, "SELECT count(*) FROM cards.saf_queue", cancellationToken), await ScalarAsync(db, OpenSafSql, cancellationToken)));
        checks.Add(new AuditCheck(SalesLeftPending, "host approvals neither confirmed at GPOS nor reversed at the host", approved.Count,
            approved.Count(m => !m.Reversed && !confirmedRrns.Contains(m.Rrn))));
        checks.Add(new AuditCheck(SalesLeftPending, "card holds in the ledger neither posted nor voided",
            await ScalarAsync(db, "SELECT count(*) FROM ledger.holds WHERE source_module = 'cards'", cancellationToken),
            await ScalarAsync(db, """
                SELECT count(*) FROM ledger.holds h WHERE h.source_module = 'cards'
                  AND NOT EXISTS (SELECT 1 FROM ledger.hold_resolutions r WHERE r.hold_id = h.id)
                """, cancellationToken)));

        // Every charge converged to the PSP's state.
        checks.Add(new AuditCheck(ChargesNotConverged, "charge intents the PSP never answered",
            await ScalarAsync(db, "SELECT count(*) FROM pix.psp_intents", cancellationToken), await ScalarAsync(db, SoakSampler.PendingIntentsSql, cancellationToken)));
        checks.Add(await MissingAsync(db, "payments at the PSP not received by GPOS", journal.Payments.Keys,
            "SELECT end_to_end_id FROM pix.received_pix WHERE accepted AND end_to_end_id = ANY(@ids)", cancellationToken, ChargesNotConverged));
        checks.Add(await CompareWithPspAsync(db, pspApi, cancellationToken));

        // Ledger: balanced and verified.
        checks.Add(new AuditCheck(Ledger, "postings that do not sum to zero (minor units)", await ScalarAsync(db, "SELECT count(*) FROM ledger.postings", cancellationToken),
            Math.Abs(await ScalarAsync(db, "SELECT coalesce(sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END), 0)::bigint FROM ledger.postings",
                cancellationToken))));
        using var verify = await ops.GetAsync(new Uri("/ops/v1/ledger/verify", UriKind.Relative), cancellationToken);
        var verification = await verify.Content.ReadAsStringAsync(cancellationToken);
        var ok = verify.IsSuccessStatusCode && JsonDocument.Parse(verification).RootElement.GetProperty("ok").GetBoolean();
        checks.Add(new AuditCheck(Ledger, "ledger verify (seal chain, balances, source keys)", 1, ok ? 0 : 1, ok ? null : verification));
        return checks;
    }

    /// <summary>Every charge GPOS holds, read at the PSP: same status, and revision 0 there (one create, never a second body).</summary>
    private static async Task<AuditCheck> CompareWithPspAsync(NpgsqlDataSource db, HttpClient pspApi, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand("""
            SELECT c.txid, (SELECT e.status FROM pix.charge_status_events e WHERE e.txid = c.txid ORDER BY e.id DESC LIMIT 1) FROM pix.charges c
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                statuses[reader.GetString(0)] = await reader.IsDBNullAsync(1, cancellationToken) ? "(none)" : reader.GetString(1);
            }
        }

        var differences = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(statuses, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (charge, ct) =>
        {
            using var response = await pspApi.GetAsync(new Uri("v2/cob/" + charge.Key, UriKind.Relative), ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                differences.Add($"{charge.Key}: GPOS {charge.Value}, PSP HTTP {(int)response.StatusCode}");
                return;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            var status = body.RootElement.GetProperty("status").GetString();
            var revisao = body.RootElement.GetProperty("revisao").GetInt32();
            if (status != charge.Value || revisao != 0)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{charge.Key}: GPOS {charge.Value}, PSP {status} revisao {revisao}"));
            }
        });
        return new AuditCheck(ChargesNotConverged, "charges whose status at GPOS differs from the PSP's (or revised there)", statuses.Count, differences.Count,
            differences.IsEmpty ? null : string.Join("; ", differences.Take(5)));
    }

    private static async Task<AuditCheck> MissingAsync(NpgsqlDataSource db, string name, ICollection<string> ids, string sql, CancellationToken cancellationToken,
        string counter = AcknowledgedButLost)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        var missing = ids.Where(id => !found.Contains(id)).ToList();
        return new AuditCheck(counter, name, ids.Count, missing.Count, missing.Count == 0 ? null : string.Join(", ", missing.Take(5)));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<HashSet<string>> StringsAsync(NpgsqlDataSource db, string sql, CancellationToken cancellationToken)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The card host simulator's record of every 0200 it received (RRN, its answer, whether it was reversed since).</summary>
    private static async Task<List<HostSale>> HostSalesAsync(HttpClient cardControl, CancellationToken cancellationToken)
    {
        using var response = await cardControl.GetAsync(new Uri("control/messages?limit=1000000", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return body.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("mti").GetString() == "0200")
            .Select(m => new HostSale(m.GetProperty("rrn").GetString() ?? "", Text(m, "responseCode"), m.GetProperty("reversed").GetBoolean()))
            .ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record HostSale(string Rrn, string? ResponseCode, bool Reversed);
}
