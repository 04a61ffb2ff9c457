namespace Gpos.Ledger.Tests;

/// <summary>
/// A superuser can switch the append-only triggers off; the seals must still make any change visible, naming the
/// entry that was changed. Each test tampers with its own database.
/// </summary>
public sealed class VerifyTests
{
    [Fact]
    public async Task VerifyAsync_UntouchedLedger_IsOk()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        await SealedLedgerAsync(db);

        var verification = await db.Verifier.VerifyAsync(default);

        Assert.True(verification.Ok);
        Assert.Null(verification.FirstBreak);
        Assert.Equal(10, verification.EntriesChecked);
    }

    [Fact]
    public async Task VerifyAsync_BothLegsChangedBySuperuserWithTriggersOff_ReportsEntryHashMismatch()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var entries = await SealedLedgerAsync(db);
        var victim = entries[6];

        // Still balanced after the change: only the seal can tell.
        await Tamper(db, $"UPDATE ledger.journal_entries SET amounts = ARRAY[amounts[1] * 100, amounts[2] * 100] WHERE id = {victim}");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.False(verification.Ok);
        Assert.Equal(("EntryHashMismatch", victim), (verification.FirstBreak!.Kind, verification.FirstBreak.EntryId));
    }

    [Fact]
    public async Task VerifyAsync_OneLegChangedBySuperuser_ReportsUnbalancedEntry()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var entries = await SealedLedgerAsync(db);

        await Tamper(db, $"{DropBalanceCheck}; UPDATE ledger.journal_entries SET amounts[2] = 1 WHERE id = {entries[3]}");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(("EntryUnbalanced", entries[3]), (verification.FirstBreak!.Kind, verification.FirstBreak.EntryId));
    }

    [Fact]
    public async Task VerifyAsync_SourceKeyChangedBySuperuser_ReportsThatEntry()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var entries = await SealedLedgerAsync(db);

        await Tamper(db, $"ALTER TABLE ledger.journal_entries DISABLE TRIGGER USER; UPDATE ledger.journal_entries SET source_id = 'forged' WHERE id = {entries[8]}");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(("EntryHashMismatch", entries[8]), (verification.FirstBreak!.Kind, verification.FirstBreak.EntryId));
    }

    [Fact]
    public async Task VerifyAsync_EntryDeletedBySuperuser_ReportsEntryMissing()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var entries = await SealedLedgerAsync(db);

        await Tamper(db, $"DELETE FROM ledger.journal_entries WHERE id = {entries[1]}");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(("EntryMissing", entries[1]), (verification.FirstBreak!.Kind, verification.FirstBreak.EntryId));
    }

    [Fact]
    public async Task VerifyAsync_EntryDroppedFromASealsList_ReportsSealEntriesMismatch()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        await SealedLedgerAsync(db);

        // Seal 2 covers entries 4..7: rewriting its list (and count) to leave one out changes its digest.
        await Tamper(db, """
            ALTER TABLE ledger.seals DROP CONSTRAINT seals_entry_list;
            UPDATE ledger.seals SET entry_ids = entry_ids[1:3], entry_hashes = entry_hashes[1:3], entry_count = 3 WHERE seq = 2
            """);
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(("SealEntriesMismatch", 2L), (verification.FirstBreak!.Kind, verification.FirstBreak.SealSeq));
    }

    [Fact]
    public async Task VerifyAsync_SealHashRewritten_ReportsBrokenSeal()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        await SealedLedgerAsync(db);

        await Tamper(db, "UPDATE ledger.seals SET entries_sha256 = sha256('forged') WHERE seq = 1");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(("SealEntriesMismatch", 1L), (verification.FirstBreak!.Kind, verification.FirstBreak.SealSeq));
    }

    [Fact]
    public async Task VerifyAsync_UnsealedEntryUnbalancedBySuperuser_ReportsIt()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        await SealedLedgerAsync(db);
        var (receivable, payable) = await db.NewAccountPairAsync();
        var unsealed = await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 10));

        await Tamper(db, $"{DropBalanceCheck}; UPDATE ledger.journal_entries SET amounts[1] = 11 WHERE id = {unsealed.EntryId}");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal(1, verification.UnsealedEntries);
        Assert.Equal(("EntryUnbalanced", unsealed.EntryId), (verification.FirstBreak!.Kind, verification.FirstBreak.EntryId));
    }

    [Fact]
    public async Task VerifyAsync_ProjectionDiffersFromJournal_ReportsAccount()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        await SealedLedgerAsync(db);

        // The projection is derived data the application role may rewrite; verify catches a wrong one.
        await db.Database.AppExecuteAsync("UPDATE ledger.balance_projection SET credits = credits + 1 WHERE credits > 0");
        var verification = await db.Verifier.VerifyAsync(default);

        Assert.Equal("ProjectionMismatch", verification.FirstBreak!.Kind);
        Assert.StartsWith("merchant:", verification.FirstBreak.AccountCode, StringComparison.Ordinal);
    }

    // CHECK constraints hold even with triggers off: unbalancing a stored entry takes dropping the constraint first.
    private const string DropBalanceCheck = "ALTER TABLE ledger.journal_entries DROP CONSTRAINT journal_entries_valid";

    private static Task Tamper(LedgerDatabase db, string sql) =>
        db.Database.AdminExecuteAsync($"SET session_replication_role = replica; {sql};");

    /// <summary>Ten entries over three seals.</summary>
    private static async Task<List<long>> SealedLedgerAsync(LedgerDatabase db)
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var ids = new List<long>();
        foreach (var size in new[] { 3, 4, 3 })
        {
            for (var i = 0; i < size; i++)
            {
                ids.Add((await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 100 + ids.Count))).EntryId);
            }

            Assert.Equal(size, (await db.Sealer.SealOnceAsync(default)).EntryCount);
        }

        return ids;
    }
}
