using YamlDotNet.RepresentationModel;

namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>One document of a Kubernetes manifest and the file it came from.</summary>
internal sealed record KubernetesObject(string File, YamlMappingNode Root)
{
    public string? Kind => Root.Text("kind");

    public string? Name => Root.Text("metadata", "name");

    public override string ToString() => $"{File}: {Kind}/{Name}";
}
