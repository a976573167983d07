"""A stand-in for Lambda's Python runtime interface client (awslambdaric), for the cold-start benchmark.

awslambdaric cannot be installed here (PyPI is not reachable), so the Python original's triggers
run on this loop instead, written with the standard library only: import the handler module named
by _HANDLER ("module.function") from LAMBDA_TASK_ROOT, as Lambda's bootstrap does during init, then
for each invocation GET /2018-06-01/runtime/invocation/next from AWS_LAMBDA_RUNTIME_API, call the
handler with the event and a context, and POST its result to .../response (or the exception to
.../error). An import failure is posted to /runtime/init/error.

Not done here that awslambdaric does (docs/performance.md says what this leaves out of the
numbers): its native (C++) Runtime API client, its log formatting and the logging handler it
installs, X-Ray trace id propagation, client context and Cognito identity parsing, and response
streaming.

usage: AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT _HANDLER=app.lambda_handler LAMBDA_TASK_ROOT=DIR \
       python3 benchmarks/python_bootstrap.py
"""

import http.client
import importlib
import json
import os
import sys
import time
import traceback

API_VERSION = "2018-06-01"


class Context:
    """The attributes and method of Lambda's Python context object that a handler may use."""

    def __init__(self, headers):
        self.aws_request_id = headers["Lambda-Runtime-Aws-Request-Id"]
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn", "")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.identity = None
        self.client_context = None
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def error_body(error):
    return json.dumps({"errorMessage": str(error), "errorType": type(error).__name__,
                       "stackTrace": traceback.format_tb(error.__traceback__)}).encode()


def post(connection, path, body):
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    connection.getresponse().read()


def main():
    connection = http.client.HTTPConnection(os.environ["AWS_LAMBDA_RUNTIME_API"])
    module_name, function_name = os.environ["_HANDLER"].rsplit(".", 1)
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
    except Exception as error:  # the runtime reports any init failure, whatever its type
        post(connection, f"/{API_VERSION}/runtime/init/error", error_body(error))
        sys.exit(1)
    while True:
        connection.request("GET", f"/{API_VERSION}/runtime/invocation/next")
        response = connection.getresponse()
        event = json.loads(response.read())
        context = Context(response.headers)
        path = f"/{API_VERSION}/runtime/invocation/{context.aws_request_id}"
        try:
            result = json.dumps(handler(event, context)).encode()
        except Exception as error:  # a handler's exception is the invocation's error, as on Lambda
            post(connection, f"{path}/error", error_body(error))
            continue
        post(connection, f"{path}/response", result)


if __name__ == "__main__":
    main()
