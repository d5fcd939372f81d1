namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>A build stage: its FROM reference as written and with global ARGs substituted, its alias, its instructions.</summary>
internal sealed record DockerStage(string ImageAsWritten, string Image, string? Alias, List<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}
