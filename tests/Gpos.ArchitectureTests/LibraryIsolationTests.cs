using System.Reflection;
using System.Xml.Linq;

namespace Gpos.ArchitectureTests;

/// <summary>The codec libraries stand alone (design.md §1): no package or project references, only the BCL.</summary>
public sealed class LibraryIsolationTests
{
    public static TheoryData<string> Libraries => new() { "Gpos.BrCode", "Gpos.Iso8583" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_ReferencesOnlyTheBaseClassLibrary(string library)
    {
        var assembly = Assembly.Load(library);

        var foreign = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib"))
            .ToList();

        Assert.True(foreign.Count == 0, $"{library} references {string.Join(", ", foreign)}");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void LibraryProject_HasNoPackageOrProjectReferences(string library)
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Libraries", library, $"{library}.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference" or "FrameworkReference")
            .Select(e => e.Attribute("Include")?.Value)
            .ToList();

        Assert.True(references.Count == 0, $"{library}.csproj references {string.Join(", ", references)}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GposPayments.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
