using System.Text.RegularExpressions;

namespace Parley.Server.Tests.Architecture;

/// <summary>
/// docs/architecture.md: dependencies point inward and the folders of Parley.Server never import each other in a
/// circle. Read from the source, as a reviewer would: every <c>Parley.Server.X</c> a file names is an edge from its folder.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [GeneratedRegex(@"\bParley\.Server\.([A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)*)")]
    private static partial Regex ServerNamespace();

    [Fact]
    public void FoldersOfTheServerDoNotDependOnEachOtherInACircle()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Parley.Server");
        var graph = DependencyGraph(root);
        graph.Count.ShouldBeGreaterThan(10);

        var cycles = StronglyConnected(graph).Where(component => component.Count > 1).ToList();

        cycles.ShouldBeEmpty(string.Join("; ", cycles.Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal)))));
    }

    [Fact]
    public void CoreDependsOnNoOtherProject()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Parley.Core");
        var offenders = SourceFiles(core).Where(file => File.ReadAllText(file).Contains("using Parley.Storage", StringComparison.Ordinal)
            || File.ReadAllText(file).Contains("using Parley.Server", StringComparison.Ordinal)
            || File.ReadAllText(file).Contains("using Microsoft.AspNetCore", StringComparison.Ordinal));

        offenders.ShouldBeEmpty();
    }

    private static Dictionary<string, HashSet<string>> DependencyGraph(string root)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(root))
        {
            var folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');
            var edges = graph.TryGetValue(folder, out var found) ? found : graph[folder] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in ServerNamespace().Matches(File.ReadAllText(file)))
            {
                // The longest prefix that is a folder: Parley.Server.Upstreams.Meta.MetaSettings is the folder Upstreams.Meta.
                var parts = match.Groups[1].Value.Split('.');
                for (var length = parts.Length; length > 0; length--)
                {
                    var target = string.Join('.', parts[..length]);
                    if (Directory.Exists(Path.Combine(root, Path.Combine(parts[..length]))))
                    {
                        if (target != folder)
                        {
                            edges.Add(target);
                        }
                        break;
                    }
                }
            }
        }
        return graph;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return components;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above the test's folder.");
    }
}
