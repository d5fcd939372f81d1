namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>A newly issued key: <see cref="Token"/> is shown once and stored only as a hash.</summary>
public sealed record IssuedApiKey(ApiKeyInfo Key, string Token);
