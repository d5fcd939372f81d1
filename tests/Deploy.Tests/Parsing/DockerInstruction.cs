namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>One Dockerfile instruction: the keyword (upper case) and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);
