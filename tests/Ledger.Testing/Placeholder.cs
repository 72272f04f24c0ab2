namespace Ledger.Testing; internal static class Placeholder;
