using System.Reflection;
using NetArchTest.Rules;

namespace Gpos.ArchitectureTests;

/// <summary>
/// Module boundaries are assembly boundaries (design.md §1): a module may use another module only through that
/// module's <c>Contracts</c> namespace, and only contracts (plus the module's composition class and options) are public.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> ModuleNames => new() { "Terminals", "Pix", "Cards", "Webhooks", "Ledger" };

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_DependsOnOtherModules_OnlyThroughTheirContracts(string module)
    {
        var forbidden = Assemblies.Modules
            .Where(m => m.Key != module)
            .SelectMany(m => m.Value.GetTypes())
            .Where(t => t.Namespace is not null && !t.Namespace.EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .Where(name => !name.Contains('<', StringComparison.Ordinal))
            .ToArray();

        var result = Types.InAssembly(Assemblies.Modules[module]).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{module} uses another module's internals: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_PublicTypes_AreContractsOrComposition(string module)
    {
        var assembly = Assemblies.Modules[module];
        var leaking = assembly.GetExportedTypes()
            .Where(t => !(t.Namespace?.EndsWith(".Contracts", StringComparison.Ordinal) ?? false))
            .Where(t => t.Name != $"{module}Module" && t.Name != $"{module}Options")
            .Select(t => t.FullName)
            .ToList();

        Assert.True(leaking.Count == 0, $"{module} exposes non-contract types: {string.Join(", ", leaking)}");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_DoesNotDependOnTheHost(string module)
    {
        var references = Assemblies.Modules[module].GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("Gpos.Api", references);
    }

    [Fact]
    public void BuildingBlocks_DependOnNoModule()
    {
        var references = typeof(Gpos.BuildingBlocks.IStartupTask).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => Assemblies.Modules.Values.Any(m => m.GetName().Name == r));
    }

    [Fact]
    public void Modules_AreAllDiscovered()
    {
        // Guards the tests above against silently checking nothing.
        Assert.Equal(5, Assemblies.Modules.Count);
        Assert.All(Assemblies.Modules.Values, a => Assert.NotEmpty(a.GetTypes()));
    }
}

internal static class Assemblies
{
    public static readonly IReadOnlyDictionary<string, Assembly> Modules = new Dictionary<string, Assembly>
    {
        ["Terminals"] = typeof(Gpos.Terminals.TerminalsModule).Assembly,
        ["Pix"] = typeof(Gpos.Pix.PixModule).Assembly,
        ["Cards"] = typeof(Gpos.Cards.CardsModule).Assembly,
        ["Webhooks"] = typeof(Gpos.Webhooks.WebhooksModule).Assembly,
        ["Ledger"] = typeof(Gpos.Ledger.LedgerModule).Assembly,
    };
}
