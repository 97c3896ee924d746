import { ref, watch } from 'vue';

// The case reference (案件编号) every search is audited under; kept for the browser tab so the
// investigator does not retype it on each page.
const KEY = 'sharpeyes.caseRef';
const caseRef = ref(sessionStorage.getItem(KEY) ?? '');
watch(caseRef, (v) => sessionStorage.setItem(KEY, v));

export function useCaseRef() {
  return caseRef;
}
