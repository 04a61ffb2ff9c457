using System.Net;
using System.Text.Json;
using Gpos.Ledger.Contracts;
using Gpos.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gpos.Ledger.Tests;

/// <summary>The ops endpoints over the real host: real TLS, real authentication, migrations applied, sealer running.</summary>
public sealed class OpsEndpointTests : IAsyncLifetime
{
    private GposTestHost? _host;

    private GposTestHost Host => _host!;

    public async Task InitializeAsync() =>
        _host = await GposTestHost.StartAsync(new Dictionary<string, string?> { ["Gpos:Ledger:SealInterval"] = "00:00:00.050" });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task OpsEndpoints_AfterAPostedEntry_ReturnBalancesEntryAndVerification()
    {
        var (merchant, entryId) = await PostThroughContractAsync();
        using var client = OpsClient();

        using var list = await GetJsonAsync(client, $"/ops/v1/ledger/accounts?owner={merchant}");
        using var one = await GetJsonAsync(client, $"/ops/v1/ledger/accounts/merchant:{merchant}:payable");
        using var entry = await GetJsonAsync(client, $"/ops/v1/ledger/entries/{entryId}");
        using var verify = await GetJsonAsync(client, "/ops/v1/ledger/verify");

        var listed = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(2_500, listed.GetProperty("balance").GetInt64());
        Assert.Equal("MerchantPayable", one.RootElement.GetProperty("type").GetString());
        Assert.Equal(2_500, one.RootElement.GetProperty("creditsPosted").GetInt64());
        Assert.Equal(2, entry.RootElement.GetProperty("postings").GetArrayLength());
        Assert.Equal("pix", entry.RootElement.GetProperty("source").GetProperty("module").GetString());
        Assert.True(verify.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task OpsEndpoints_EntryGetsSealedByTheHostsSealer()
    {
        var (_, entryId) = await PostThroughContractAsync();
        using var client = OpsClient();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement seal;
        do
        {
            await Task.Delay(50);
            using var entry = await GetJsonAsync(client, $"/ops/v1/ledger/entries/{entryId}");
            seal = entry.RootElement.GetProperty("sealSeq").Clone();
        }
        while (seal.ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline);

        Assert.Equal(JsonValueKind.Number, seal.ValueKind);
    }

    [Fact]
    public async Task GetEntry_Unknown_Returns404Problem()
    {
        using var client = OpsClient();

        using var response = await client.GetAsync(new Uri("/ops/v1/ledger/entries/999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Verify_WithoutOpsCredentials_Returns401()
    {
        using var client = Host.BootstrapClient();

        using var response = await client.GetAsync(new Uri("/ops/v1/ledger/verify", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_DocumentsTheLedgerOpsEndpoints()
    {
        using var client = Host.BootstrapClient();

        var document = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Contains("/ops/v1/ledger/verify", document, StringComparison.Ordinal);
        Assert.Contains("/ops/v1/ledger/accounts/{code}", document, StringComparison.Ordinal);
        Assert.Contains("/ops/v1/ledger/entries/{entryId}", document, StringComparison.Ordinal);
    }

    private HttpClient OpsClient() => Host.OpsClient();

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Merchant, long EntryId)> PostThroughContractAsync()
    {
        var merchant = $"m-{Guid.NewGuid():N}"[..14];
        var posting = Host.Services.GetRequiredService<ILedgerPosting>();
        await using var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await posting.EnsureAccountAsync(new AccountDefinition("psp:settlement:brl", AccountType.PspSettlement, null, "BRL"), transaction, default);
        await posting.EnsureAccountAsync(new AccountDefinition($"merchant:{merchant}:payable", AccountType.MerchantPayable, merchant, "BRL"),
            transaction, default);
        var posted = await posting.PostAsync(new JournalEntryRequest(new SourceKey("pix", $"E{Guid.NewGuid():N}", "settled"),
            "Pix received", DateTimeOffset.UtcNow,
            [new("psp:settlement:brl", BalanceSide.Debit, 2_500, "BRL"), new($"merchant:{merchant}:payable", BalanceSide.Credit, 2_500, "BRL")]),
            transaction, default);
        await transaction.CommitAsync();
        return (merchant, posted.EntryId);
    }
}
