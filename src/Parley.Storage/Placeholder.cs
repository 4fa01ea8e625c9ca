namespace Parley.Storage; internal static class Placeholder {}
