export { default } from '../../tsup.library';
