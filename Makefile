test:
	scripts/test.sh

demo:
	scripts/demo.sh

.PHONY: test demo
