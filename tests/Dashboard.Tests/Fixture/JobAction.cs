namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>One POST /v1/jobs/{JobId}/{Action} that the fixture server received with a valid key.</summary>
internal sealed record JobAction(string JobId, string Action);
