using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// Fuzzing generated from the OpenAPI document GPOS serves (issue 12): every operation of <c>/swagger/v1/swagger.json</c>
/// is called with its valid request and then with seeded mutations of its path, query and header parameters and of its
/// body (boundary and wrong-typed values at every depth, missing members, NUL, emoji, huge strings, bad dates, pattern
/// violations, unknown members, deep nesting), each time with the identity authorized for it; and once each with the
/// wrong identities and none. Whatever arrives: never a 5xx, never a hang, every 4xx problem+json whose status matches,
/// a declared-JSON 2xx is JSON, a refused write leaves no row, and the ledger verifies afterwards. An operation of the
/// document that is not fuzzed fails the run, so a new endpoint cannot escape.
/// GPOS_FUZZ_SEED reproduces a run, GPOS_FUZZ_ITERATIONS sets the mutated requests per operation.
/// </summary>
public sealed class OpenApiFuzzTests(OpenApiFuzzFixture fixture, ITestOutputHelper output) : IClassFixture<OpenApiFuzzFixture>
{
    /// <summary>Operations of the served document that are not fuzzed, with the reason. Keep it empty if at all possible.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal);

    /// <summary>
    /// Operations whose valid request cannot succeed in this run, with the reason; every other operation's valid request
    /// must get a 2xx, which proves the generator reaches the handler's success path and not just its first check.
    /// </summary>
    private static readonly Dictionary<string, string> ValidMayBeRefused = new(StringComparer.Ordinal)
    {
        ["POST /v1/enrollment"] = "needs a live activation code and a terminal's key; the schema-valid request is refused (4xx)",
    };

    /// <summary>Tables a refused (4xx) write must leave untouched.</summary>
    private static readonly Dictionary<string, string[]> WrittenTables = new(StringComparer.Ordinal)
    {
        ["PUT /v2/cob/{txid}"] = ["pix.charges", "pix.charge_revisions"],
        ["POST /v2/cob"] = ["pix.charges", "pix.charge_revisions"],
        ["PATCH /v2/cob/{txid}"] = ["pix.charges", "pix.charge_revisions"],
        ["PUT /v2/pix/{e2eid}/devolucao/{id}"] = ["pix.refund_requests"],
        ["POST /v1/psp/webhook"] = ["pix.received_pix", "pix.pix_events"],
        ["POST /v1/psp/webhook/pix"] = ["pix.received_pix", "pix.pix_events"],
        ["POST /v1/card/sales"] = ["cards.authorizations"],
        ["POST /v1/card/preauthorizations"] = ["cards.authorizations"],
        ["POST /v1/card/sales/{id}/confirmation"] = ["cards.confirmations"],
        ["POST /v1/card/preauthorizations/{id}/completion"] = ["cards.completions"],
        ["POST /ops/v1/terminals"] = ["terminals.terminals"],
        ["POST /v1/terminals"] = ["terminals.terminals"],
        ["POST /ops/v1/terminals/{terminalId}/activation-codes"] = ["terminals.activation_codes"],
        ["POST /v1/terminals/{terminalId}/activation-codes"] = ["terminals.activation_codes"],
        ["PUT /ops/v1/terminals/{terminalId}/revocation"] = ["terminals.terminal_revocations"],
        ["PUT /ops/v1/certificates/{serialNumber}/revocation"] = ["terminals.certificate_revocations"],
        ["POST /ops/v1/pix/keys"] = ["pix.merchant_keys"],
        ["POST /v1/webhooks/endpoints"] = ["webhooks.endpoints"],
        ["PUT /v2/webhook/{chave}"] = ["webhooks.endpoints"],
        ["POST /v1/terminals/me/certificate"] = ["terminals.issued_certificates"],
        ["POST /v1/enrollment"] = ["terminals.issued_certificates"],
    };

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_SEED"), out var seed) ? seed : 20261123;

    /// <summary>Mutated requests per operation: 24 in CI (about 1,600 requests), GPOS_FUZZ_ITERATIONS for longer runs.</summary>
    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("GPOS_FUZZ_ITERATIONS"), out var n) && n > 0
        ? Math.Min(n, 100_000) : 24;

    [Fact]
    public void ServedDocument_EveryOperationHasAnAuthorizedCaller()
    {
        var operations = fixture.Document.Operations;
        Assert.True(operations.Count >= 60, $"the served document lists only {operations.Count} operations");
        var orphans = operations.Where(o => FuzzCallers.For(o) is null && !Excluded.ContainsKey(o.Key)).Select(o => o.Key).ToList();
        Assert.True(orphans.Count == 0, "operations without a caller in FuzzCallers (place them, so they are fuzzed): " + string.Join(", ", orphans));
        Assert.All(Excluded.Keys, key => Assert.Contains(operations, o => o.Key == key));
        // The thin API Pix entries are completed from the official schemas; a body-less write would fuzz nothing.
        Assert.All(operations.Where(o => o.Method is "PUT" or "PATCH" && !o.Path.Contains("revocation", StringComparison.Ordinal)),
            o => Assert.NotNull(o.BodySchema));
    }

    [Fact]
    public async Task EveryOperation_ValidAndMutatedRequests_Never5xx_ErrorsAreProblemJson_RefusedWritesLeaveNoRow()
    {
        var context = new FuzzContext(fixture);
        var counts = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var fuzzed = new HashSet<string>(StringComparer.Ordinal);
        var refusedValid = new List<string>();
        var failures = new List<string>();
        foreach (var operation in fixture.Document.Operations.Where(o => !Excluded.ContainsKey(o.Key)))
        {
            var caller = FuzzCallers.For(operation) ?? throw new InvalidOperationException($"{operation.Key} has no caller");
            var random = new Random(Seed ^ StableHash(operation.Key));
            var generator = new FuzzCaseGenerator(operation, context, random);
            var statuses = counts[operation.Key] = [];
            for (var i = 0; i <= Iterations; i++)
            {
                var fuzzCase = i == 0 ? generator.Valid() : generator.Mutated();
                var client = FuzzCallers.TakesAccessToken(operation) && i % 2 == 1 ? fixture.MerchantWithToken : fixture.Clients[caller];
                var where = $"seed {Seed}, {operation.Key} (body from {operation.BodySource}), iteration {i}, as {caller}: {fuzzCase.Describe(operation.Method)}";
                var before = await CountRowsAsync(operation);
                var (status, failure) = await SendAndCheckAsync(client, operation, fuzzCase, where);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (failure is not null)
                {
                    failures.Add(failure);
                }
                else if (status is >= 400 and < 500 && before is not null && before != await CountRowsAsync(operation))
                {
                    failures.Add($"a refused write ({status}) left rows in {string.Join(", ", WrittenTables[operation.Key])}: {where}");
                }

                if (i == 0 && status is < 200 or >= 300 && !ValidMayBeRefused.ContainsKey(operation.Key))
                {
                    refusedValid.Add($"{operation.Key} → {status}");
                }
            }

            fuzzed.Add(operation.Key);
        }

        output.WriteLine($"seed {Seed}, {Iterations} mutated requests per operation, {counts.Values.Sum(s => s.Values.Sum())} requests:");
        foreach (var (key, statuses) in counts)
        {
            output.WriteLine($"  {key}: " + string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} ×{s.Value}"))));
        }

        // Every failure of the run at once (the first 25), so a long run reports all it found.
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(25)));
        Assert.True(refusedValid.Count == 0, "valid requests refused (the generator or the fixture no longer reaches the success path): "
                                            + string.Join("; ", refusedValid));
        var missed = fixture.Document.Operations.Select(o => o.Key).Where(k => !fuzzed.Contains(k) && !Excluded.ContainsKey(k)).ToList();
        Assert.True(missed.Count == 0, "operations of the served document not fuzzed: " + string.Join(", ", missed));
        await AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task EveryOperation_WrongIdentityOrNone_401Or403ProblemJson()
    {
        var context = new FuzzContext(fixture);
        var checkedCount = 0;
        foreach (var operation in fixture.Document.Operations.Where(o => !Excluded.ContainsKey(o.Key)))
        {
            var caller = FuzzCallers.For(operation)!.Value;
            if (caller == FuzzCaller.Anonymous)
            {
                continue;
            }

            var valid = new FuzzCaseGenerator(operation, context, new Random(Seed)).Valid();
            var before = await CountRowsAsync(operation);
            foreach (var wrong in FuzzCallers.Wrong(caller, operation))
            {
                var where = $"{operation.Key} as {wrong} (authorized: {caller}): {valid.Describe(operation.Method)}";
                var (status, failure) = await SendAndCheckAsync(WrongClient(wrong), operation, valid, where);
                Assert.True(failure is null, failure);
                // RFC 6749 §5.2: a client the token endpoint cannot authenticate gets 401 invalid_client; elsewhere 403 by role.
                var expected = operation.Key == "POST /oauth/token" ? 401 : 403;
                Assert.True(status == expected, $"expected {expected}, got {status}: {where}");
                checkedCount++;
            }

            var (anonymous, anonymousFailure) = await SendAndCheckAsync(fixture.Nobody, operation, valid, $"{operation.Key} without identity");
            Assert.True(anonymousFailure is null, anonymousFailure);
            Assert.True(anonymous == 401, $"expected 401 without identity, got {anonymous}: {operation.Key}");
            Assert.Equal(before, await CountRowsAsync(operation));
            checkedCount++;
        }

        output.WriteLine($"{checkedCount} refused calls checked");
    }

    private HttpClient WrongClient(FuzzCaller wrong) => fixture.Clients[wrong];

    /// <summary>Sends one request and checks what must hold for any answer; returns the status and what failed, if anything.</summary>
    private static async Task<(int Status, string? Failure)> SendAndCheckAsync(HttpClient client, FuzzOperation operation, FuzzCase fuzzCase, string where)
    {
        using var request = fuzzCase.ToRequest(operation.Method);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (0, $"no answer within {RequestTimeout.TotalSeconds} s (a hang): {where}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var what = $"{status} {mediaType} {Truncate(text)} ← {where}";
            var failure = status switch
            {
                >= 500 => "server error: " + what,
                >= 400 => ErrorFailure(operation, fuzzCase, status, mediaType, text, what),
                >= 200 and < 300 when (operation.JsonSuccess || mediaType?.Contains("json", StringComparison.Ordinal) == true) && text.Length > 0 && !IsJson(text)
                    => "a JSON success answer is not JSON: " + what,
                _ => null,
            };
            return (status, failure);
        }
    }

    private static string? ErrorFailure(FuzzOperation operation, FuzzCase fuzzCase, int status, string? mediaType, string text, string what)
    {
        if (status == 400 && text.Length == 0 && mediaType is null && fuzzCase.Url.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel itself refuses a request line whose path decodes to a NUL (400, connection closed) before any
            // middleware runs: nothing of GPOS sees it, so there is no problem document to write.
            return null;
        }

        if (operation.Key == "POST /oauth/token" && status is 400 or 401 && mediaType == "application/json")
        {
            // RFC 6749 §5.2: the token endpoint answers {"error": …} as application/json, not problem+json.
            return IsJson(text) && JsonDocument.Parse(text).RootElement.TryGetProperty("error", out _) ? null : "token error without 'error': " + what;
        }

        if (mediaType != "application/problem+json" || !IsJson(text))
        {
            return "an error that is not problem+json: " + what;
        }

        using var problem = JsonDocument.Parse(text);
        return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("status", out var s)
               && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status
            ? null
            : "problem status does not match: " + what;
    }

    private async Task<long?> CountRowsAsync(FuzzOperation operation)
    {
        if (!WrittenTables.TryGetValue(operation.Key, out var tables))
        {
            return null;
        }

        var sql = "SELECT " + string.Join(" + ", tables.Select(t => $"(SELECT count(*) FROM {t})"));
        return await fixture.Host.Database.AdminScalarAsync<long>(sql);
    }

    private async Task AssertLedgerVerifiesAsync()
    {
        var ops = fixture.Clients[FuzzCaller.Ops];
        var verification = JsonDocument.Parse(await ops.GetStringAsync(new Uri("/ops/v1/ledger/verify", UriKind.Relative))).RootElement;
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.Equal(0, await fixture.Host.Database.AdminScalarAsync<long>(
            "SELECT coalesce(sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END), 0)::bigint FROM ledger.postings"));
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>FNV-1a: string.GetHashCode is randomized per process, which would make a seed unreproducible.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)hash;
    }
}
