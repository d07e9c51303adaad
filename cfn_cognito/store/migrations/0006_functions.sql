-- Lambda functions run locally. `config` is the FunctionConfiguration as Lambda returns it;
-- `code_path` the directory holding the function's code, relative to the data directory.
CREATE TABLE functions (
    seq INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    config TEXT NOT NULL,
    code_path TEXT NOT NULL
);
