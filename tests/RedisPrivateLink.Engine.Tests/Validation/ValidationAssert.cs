using System;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

/// <summary>Every refusal must carry its error id, name the bad value and tell the user what to do instead.</summary>
internal static class ValidationAssert
{
    private static readonly string[] RemedyWords = { "Choose", "Use", "Give", "Remove", "Rename", "Shorten", "Correct", "Keep", "did you mean" };

    public static ValidationException Throws(string errorId, Action action, string? namedValue = null)
    {
        var exception = Assert.Throws<ValidationException>(action);
        Assert.Equal(errorId, exception.ErrorId);
        if (namedValue is not null)
        {
            Assert.Contains(namedValue, exception.Message, StringComparison.Ordinal);
        }

        Assert.Contains(RemedyWords, word => exception.Message.Contains(word, StringComparison.Ordinal));
        return exception;
    }
}
