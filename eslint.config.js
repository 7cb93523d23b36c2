// ESLint flat config: typescript-eslint's recommended rules plus the security rules the project relies on
// (no eval, no implied eval, no Function constructor). Formatting is Prettier's job (`npm run format`).
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "bench-results/", ".retrievers/", "**/*.wasm"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // Matching control characters is the point of the terminal sanitizer, the CSV checks and their tests.
      "no-control-regex": "off",
    },
  },
  {
    // Mock servers and their tests read arbitrary JSON off the wire.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
