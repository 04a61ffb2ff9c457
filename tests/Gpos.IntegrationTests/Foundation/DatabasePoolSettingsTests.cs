using Gpos.Api.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>The application role's pool: statement cache on, session reset off, unless the connection string says otherwise.</summary>
public sealed class DatabasePoolSettingsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("Host=db;Username=gpos_app", true, 256)]
    [InlineData("Host=db;Username=gpos_app;No Reset On Close=false", false, 256)]
    [InlineData("Host=db;Username=gpos_app;NoResetOnClose=false", false, 256)]
    [InlineData("Host=db;Username=gpos_app;Max Auto Prepare=10", true, 10)]
    public void WithPoolSettings_FillsOnlyWhatTheConnectionStringLeavesOut(string given, bool noReset, int maxAutoPrepare)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings(given));

        Assert.Equal(noReset, settings.NoResetOnClose);
        Assert.Equal(maxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal("db", settings.Host);
    }

    [Fact]
    public void RunningHost_SharedDataSource_SkipsTheSessionReset()
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();

        Assert.True(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);
    }
}
