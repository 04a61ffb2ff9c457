using System.Text.RegularExpressions;
using Gpos.Ledger.Contracts;

namespace Gpos.Ledger.Posting;

/// <summary>
/// Checks that need no database, done before any SQL so a bad request costs no round trip. The database repeats the
/// ones that matter (balance, amounts, currencies) for writers that bypass this API.
/// </summary>
internal static partial class RequestValidation
{
    public static void Validate(JournalEntryRequest entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateSource(entry.Source, maxEventKind: 64);
        ValidateDescription(entry.Description);
        if (entry.Postings is null || entry.Postings.Count < 2)
        {
            throw Reject(LedgerRejection.TooFewPostings, "An entry needs at least two postings.");
        }

        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in entry.Postings)
        {
            RequireAmount(line.Amount);
            RequireAccountCode(line.AccountCode);
            RequireCurrency(line.Currency);
            sums.TryGetValue(line.Currency, out var sum);
            // checked: two huge debits must not wrap around into a "balanced" entry.
            sums[line.Currency] = checked(sum + (line.Direction == BalanceSide.Debit ? line.Amount : -line.Amount));
        }

        foreach (var (currency, sum) in sums)
        {
            if (sum != 0)
            {
                throw Reject(LedgerRejection.Unbalanced, $"Entry {entry.Source} does not balance in {currency}: debits - credits = {sum}.");
            }
        }
    }

    public static void Validate(HoldRequest hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        // The capture entry appends ":posted" to the hold's event kind; leave room for it.
        ValidateSource(hold.Source, maxEventKind: 57);
        ValidateDescription(hold.Description);
        RequireAmount(hold.Amount);
        RequireAccountCode(hold.DebitAccountCode);
        RequireAccountCode(hold.CreditAccountCode);
        RequireCurrency(hold.Currency);
    }

    public static void Validate(HoldResolutionRequest resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ValidateSource(resolution.Hold, maxEventKind: 57);
        ValidateDescription(resolution.Description);
        if (resolution.Outcome == HoldOutcome.Posted && resolution.Amount is { } amount)
        {
            RequireAmount(amount);
        }
    }

    public static void Validate(AccountDefinition account)
    {
        ArgumentNullException.ThrowIfNull(account);
        RequireAccountCode(account.Code);
        RequireCurrency(account.Currency);
        if (account.Owner is { Length: 0 or > 128 })
        {
            throw Reject(LedgerRejection.InvalidInput, "Account owner must be 1 to 128 characters, or null.");
        }

        if (!Enum.IsDefined(account.Type))
        {
            throw Reject(LedgerRejection.InvalidInput, $"Unknown account type {account.Type}.");
        }
    }

    public static LedgerRejectedException Reject(LedgerRejection reason, string message) => new(reason, message);

    private static void ValidateSource(SourceKey source, int maxEventKind)
    {
        if (source is null || !Bounded(source.Module, 64) || !Bounded(source.SourceId, 200) || !Bounded(source.EventKind, maxEventKind))
        {
            throw Reject(LedgerRejection.InvalidInput,
                $"Source key needs a module (1-64 chars), a source id (1-200) and an event kind (1-{maxEventKind}).");
        }
    }

    private static void ValidateDescription(string description)
    {
        if (description is null || description.Length > 500)
        {
            throw Reject(LedgerRejection.InvalidInput, "Description is required and at most 500 characters.");
        }
    }

    private static void RequireAmount(long amount)
    {
        if (amount <= 0)
        {
            throw Reject(LedgerRejection.NonPositiveAmount, $"Amounts are positive minor units; got {amount}.");
        }
    }

    private static void RequireAccountCode(string code)
    {
        if (code is null || !AccountCode().IsMatch(code))
        {
            throw Reject(LedgerRejection.InvalidInput, $"'{code}' is not an account code (lower case, [a-z0-9._:-], up to 128).");
        }
    }

    private static void RequireCurrency(string currency)
    {
        if (currency is null || !Currency().IsMatch(currency))
        {
            throw Reject(LedgerRejection.InvalidInput, $"'{currency}' is not an ISO 4217 alphabetic currency code.");
        }
    }

    private static bool Bounded(string? value, int max) => !string.IsNullOrEmpty(value) && value.Length <= max;

    [GeneratedRegex("^[a-z0-9][a-z0-9._:-]{0,127}$")]
    internal static partial Regex AccountCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();
}
