namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>An ARM resource whose <c>properties</c> object has the shape <typeparamref name="TProperties"/>.</summary>
public abstract class ArmResource<TProperties> : ArmResource
    where TProperties : class
{
    public TProperties? Properties { get; set; }
}
