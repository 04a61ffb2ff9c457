using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gpos.BuildingBlocks.Persistence;

/// <summary>Registration of a module's DbContext on the shared application-role data source.</summary>
public static class ModuleDb
{
    public const string HistoryTable = "__ef_migrations_history";

    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string schema,
        Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        // Tables and columns are snake_case in every schema (EFCore.NamingConventions), matching the SQL migrations.
        services.AddDbContext<TContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable(HistoryTable, schema))
            .UseSnakeCaseNamingConvention());
        services.AddSingleton<IModuleMigrator>(new ModuleMigrator<TContext>(schema, create));
        return services;
    }
}
