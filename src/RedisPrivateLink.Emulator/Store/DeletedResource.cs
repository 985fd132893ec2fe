namespace RedisPrivateLink.Emulator.Store;

/// <summary>A resource that is gone: its canonical id, type and name, and when its removal took effect.</summary>
internal sealed record DeletedResource(string Id, string TypeKey, string Name, DateTimeOffset DeletedAt);
