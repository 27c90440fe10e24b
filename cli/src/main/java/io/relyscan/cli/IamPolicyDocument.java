package io.relyscan.cli;

import io.relyscan.collectors.IamActions;

import java.util.List;
import java.util.stream.Collectors;

/** The minimal read-only IAM policy relyscan needs, rendered from the collectors' declared actions. */
final class IamPolicyDocument {
    private IamPolicyDocument() {
    }

    static String render() {
        return render(IamActions.all());
    }

    static String render(List<String> actions) {
        String list = actions.stream().map(a -> "        \"" + a + "\"").collect(Collectors.joining(",\n"));
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "RelyscanReadOnly",
                      "Effect": "Allow",
                      "Action": [
                %s
                      ],
                      "Resource": "*"
                    }
                  ]
                }
                """.formatted(list);
    }
}
