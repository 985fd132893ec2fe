using System.Management.Automation;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Lets a parameter that takes a resource id take the resource itself, as New-AzPrivateEndpoint's -Subnet takes an
/// Az subnet object: an object with an Id property gives its Id; a string stays as it is.
/// </summary>
public sealed class ResourceIdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null or string)
        {
            return inputData;
        }

        return PSObject.AsPSObject(inputData).Properties["Id"]?.Value is string id ? id : inputData;
    }
}
