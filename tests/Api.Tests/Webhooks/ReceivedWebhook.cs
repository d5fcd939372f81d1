namespace SampleMind.Api.Tests.Webhooks;

/// <summary>One request the test receiver got.</summary>
internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);
