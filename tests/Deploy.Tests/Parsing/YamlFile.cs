using YamlDotNet.RepresentationModel;

namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>Loads every document of a YAML file and walks mappings by key paths.</summary>
internal static class YamlFile
{
    /// <summary>The root mapping of each document in the file (a file may hold several).</summary>
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        var documents = new List<YamlMappingNode>();
        foreach (var document in stream.Documents)
        {
            documents.Add(document.RootNode as YamlMappingNode
                ?? throw new InvalidDataException($"{path}: a document's root is not a mapping"));
        }

        return documents;
    }

    /// <summary>The node at a key path, or null when a key is missing.</summary>
    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The scalar text at a key path, or null.</summary>
    public static string? Text(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    /// <summary>The mapping at a key path, or null.</summary>
    public static YamlMappingNode? Map(this YamlNode node, params string[] path) => node.At(path) as YamlMappingNode;

    /// <summary>The items of the sequence at a key path (empty when absent).</summary>
    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    /// <summary>A mapping of scalars as a dictionary (empty when absent).</summary>
    public static Dictionary<string, string> Scalars(this YamlNode node, params string[] path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.At(path) is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode k && value is YamlScalarNode v && k.Value is not null)
                {
                    result[k.Value] = v.Value ?? "";
                }
            }
        }

        return result;
    }
}
